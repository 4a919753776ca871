package io.mailsec.mimecast.client;

/** Server errors, timeouts or network failures that outlasted the retries. */
public final class ServiceUnavailableException extends MimecastApiException {

  public ServiceUnavailableException(String code, int httpStatus, String message, Throwable cause) {
    super(
        code,
        httpStatus,
        true,
        message,
        "Mimecast did not answer successfully after several attempts (server errors, timeouts or"
            + " network failures). This is usually temporary and mailsec tries again on the next"
            + " poll; if it persists check the network path and proxy to the Mimecast host and"
            + " Mimecast's status page.",
        cause);
  }
}
