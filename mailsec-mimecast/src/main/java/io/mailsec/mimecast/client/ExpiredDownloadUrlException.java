package io.mailsec.mimecast.client;

/**
 * A SIEM 2.0 batch file URL answered 403/404/410: the pre-signed link expired or the file is gone.
 * The caller should list the batch page again to get fresh links.
 */
public final class ExpiredDownloadUrlException extends MimecastApiException {

  public ExpiredDownloadUrlException(int httpStatus, String message) {
    super(
        "download_url_expired",
        httpStatus,
        true,
        message,
        "A SIEM batch file link expired before mailsec downloaded it; mailsec lists the batch"
            + " again. If it keeps happening the collector is falling behind the listing: check"
            + " that the host is not overloaded and that no proxy slows the downloads.",
        null);
  }
}
