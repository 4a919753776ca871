package io.mailsec.mimecast.client;

/**
 * What a request is for, so that errors can be explained: the path, the data type it fetches (null
 * for authentication calls) and the kind of call.
 */
record Endpoint(String path, DataType dataType, Kind kind) {

  enum Kind {
    /** A Mimecast data function ({@code /api/...} or {@code /siem/v1/...}). */
    API,
    /** The API 2.0 token endpoint. */
    TOKEN,
    /** API 1.0 discover-authentication and login. */
    LOGIN,
    /** A pre-signed batch file URL (not a Mimecast API call: no auth, no rate budget). */
    DOWNLOAD
  }

  static final Endpoint TOKEN = new Endpoint("/oauth/token", null, Kind.TOKEN);
  static final Endpoint DISCOVER =
      new Endpoint("/api/login/discover-authentication", null, Kind.LOGIN);
  static final Endpoint LOGIN = new Endpoint("/api/login/login", null, Kind.LOGIN);
  static final Endpoint SIEM_LOGS =
      new Endpoint("/api/audit/get-siem-logs", DataType.SIEM, Kind.API);
  static final Endpoint SIEM_BATCH =
      new Endpoint("/siem/v1/batch/events/cg", DataType.SIEM, Kind.API);
  static final Endpoint SIEM_STREAM = new Endpoint("/siem/v1/events/cg", DataType.SIEM, Kind.API);
  static final Endpoint SIEM_DOWNLOAD = new Endpoint("(batch file)", DataType.SIEM, Kind.DOWNLOAD);
  static final Endpoint TTP_URL = new Endpoint("/api/ttp/url/get-logs", DataType.TTP_URL, Kind.API);
  static final Endpoint TTP_ATTACHMENT =
      new Endpoint("/api/ttp/attachment/get-logs", DataType.TTP_ATTACHMENT, Kind.API);
  static final Endpoint TTP_IMPERSONATION =
      new Endpoint("/api/ttp/impersonation/get-logs", DataType.TTP_IMPERSONATION, Kind.API);
  static final Endpoint DLP_LOGS = new Endpoint("/api/dlp/get-logs", DataType.DLP, Kind.API);
  static final Endpoint THREAT_FEED =
      new Endpoint("/api/ttp/threat-intel/get-feed", DataType.THREAT_INTEL, Kind.API);
  static final Endpoint AUDIT_EVENTS =
      new Endpoint("/api/audit/get-audit-events", DataType.AUDIT, Kind.API);
}
