package io.mailsec.mimecast.client;

/**
 * The kinds of Mimecast data the client fetches, with the admin-console role permission each one
 * needs. The permission names come from Mimecast's endpoint pages (API 1.0 role editor); API 2.0
 * roles show them under "Security Events and Data Retrieval" and the product areas.
 */
public enum DataType {
  SIEM(
      "siem",
      "Gateway | Tracking | Read",
      "Security Events and Data Retrieval | Threat and Security Events (SIEM) | Read"),
  TTP_URL("ttp-url", "Monitoring | URL Protection | Read", null),
  TTP_ATTACHMENT("ttp-attachment", "Monitoring | Attachment Protection | Read", null),
  TTP_IMPERSONATION("ttp-impersonation", "Monitoring | Impersonation Protection | Read", null),
  DLP("dlp", "Monitoring | Data Leak Prevention | Read", null),
  THREAT_INTEL("threat-intel", "Services | Gateway | Tracking | Read", null),
  AUDIT("audit", "Account | Logs | Read", null);

  private final String id;
  private final String api1Permission;
  private final String api2Permission;

  DataType(String id, String api1Permission, String api2Permission) {
    this.id = id;
    this.api1Permission = api1Permission;
    this.api2Permission = api2Permission;
  }

  /** The data type id used in integration configuration, e.g. {@code ttp-url}. */
  public String id() {
    return id;
  }

  /** The role permission an admin must grant for this data type on the given API version. */
  public String requiredPermission(boolean api2) {
    return api2 && api2Permission != null ? api2Permission : api1Permission;
  }
}
