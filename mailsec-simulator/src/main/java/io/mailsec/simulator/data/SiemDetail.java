package io.mailsec.simulator.data;

/** What is specific to one SIEM row, beyond the {@link Email} it belongs to. */
public sealed interface SiemDetail {

  /** {@code action} is {@code Acc} or {@code Rej}; {@code rejection} is null when accepted. */
  record Receipt(String action, Rejection rejection) implements SiemDetail {}

  /**
   * {@code action} is {@code Acc}, {@code Hld} or {@code Sdbx}; {@code holdReason} ({@code Spm},
   * {@code Oth}) is null unless held; {@code impersonation} is null unless a check hit.
   */
  record Process(String action, String holdReason, Impersonation impersonation)
      implements SiemDetail {}

  /** One delivery attempt to one recipient; {@code rejection} is null when delivered. */
  record Delivery(
      int attempt,
      boolean delivered,
      int latencyMillis,
      String route,
      String destinationIp,
      String hostname,
      boolean tlsUsed,
      Rejection rejection,
      int bytesSent,
      String receiptAck)
      implements SiemDetail {}

  record Journal() implements SiemDetail {}

  /** An anti-virus hit on one attachment. */
  record Av(Attachment attachment) implements SiemDetail {}

  record Spam(boolean taggedExternal, boolean taggedMalicious) implements SiemDetail {}

  /** Internal Email Protect found a bad URL in internal mail. */
  record InternalProtect(String url, String category, String scanResult, String similarDomain)
      implements SiemDetail {}

  record ImpersonationHit(Impersonation impersonation) implements SiemDetail {}

  /** A URL Protect decision; the same click appears in the TTP URL log. */
  record UrlProtect(UrlClick click) implements SiemDetail {}

  /** A sandbox verdict ({@code safe} or {@code malicious}) on one attachment. */
  record AttachmentProtect(Attachment attachment, String result) implements SiemDetail {}
}
