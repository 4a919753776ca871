package io.mailsec.mimecast.client;

/** The account is not licensed for, or has not enabled, the feature the data comes from. */
public final class NotLicensedException extends MimecastApiException {

  public NotLicensedException(String code, int httpStatus, String message, DataType dataType) {
    super(code, httpStatus, false, message, advice(dataType), null);
  }

  private static String advice(DataType dataType) {
    if (dataType == null) {
      return "The Mimecast account does not have this feature enabled; ask Mimecast support.";
    }
    return switch (dataType) {
      case SIEM ->
          "Enable the log types under Administration | Account | Account Settings | Enhanced"
              + " Logging (inbound, outbound, internal); SIEM logs need the matching Mimecast"
              + " licence.";
      case TTP_URL, TTP_ATTACHMENT, TTP_IMPERSONATION ->
          "This data needs the Targeted Threat Protection package (URL, Attachment or"
              + " Impersonation Protect) on the Mimecast account; remove the data type from the"
              + " integration or ask your Mimecast account manager.";
      case DLP ->
          "DLP logs need Data Leak Prevention (content examination) policies on the Mimecast"
              + " account; remove dlp from the integration or ask your Mimecast account manager.";
      case THREAT_INTEL ->
          "The Threat Intel feature is not enabled on the Mimecast account; ask Mimecast to"
              + " enable it or remove threat-intel from the integration.";
      case AUDIT -> "Audit events are not available for this account; ask Mimecast support.";
    };
  }
}
