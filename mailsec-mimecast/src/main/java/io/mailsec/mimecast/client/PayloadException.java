package io.mailsec.mimecast.client;

/**
 * A response body could not be read as promised: truncated gzip/zip/JSON, a decompressed size or
 * record length over the configured limit, or an unexpected body shape. Records read before the
 * failure have been delivered; the caller decides whether to retry the file or record a gap.
 */
public final class PayloadException extends MimecastApiException {
  public static final String TRUNCATED = "truncated_payload";
  public static final String TOO_LARGE = "payload_too_large";
  public static final String RECORD_TOO_LONG = "record_too_long";
  public static final String UNEXPECTED = "unexpected_payload";

  public PayloadException(String code, String message, Throwable cause) {
    super(code, NO_HTTP_STATUS, TRUNCATED.equals(code), message, advice(code), cause);
  }

  private static String advice(String code) {
    return switch (code) {
      case TRUNCATED ->
          "A download from Mimecast was cut off. mailsec retries it; if it keeps happening check"
              + " proxies or firewalls between mailsec and Mimecast.";
      case TOO_LARGE, RECORD_TOO_LONG ->
          "A Mimecast file exceeded mailsec's safety limit for decompressed size or record length."
              + " The file was not fully read and is recorded as a gap; raise the limit only if the"
              + " file is known to be genuine.";
      default ->
          "Mimecast answered with a body mailsec does not understand. It is recorded as a gap;"
              + " report it with the integration's log if it repeats.";
    };
  }
}
