package io.mailsec.mimecast.client;

/** Authenticated, but the role behind the credentials lacks a permission (HTTP 403). */
public final class PermissionDeniedException extends MimecastApiException {
  private final DataType dataType;

  public PermissionDeniedException(
      String code, int httpStatus, String message, DataType dataType, boolean api2) {
    super(code, httpStatus, false, message, advice(dataType, api2), null);
    this.dataType = dataType;
  }

  /** The data type the call was for, or null for non-data calls. */
  public DataType dataType() {
    return dataType;
  }

  private static String advice(DataType dataType, boolean api2) {
    String who = api2 ? "the role bound to the API 2.0 application" : "the role of the API user";
    if (dataType == null) {
      return "Give " + who + " the permissions for the data this integration collects.";
    }
    return "Give "
        + who
        + " the permission '"
        + dataType.requiredPermission(api2)
        + "' (Administration | Account | Roles) to collect "
        + dataType.id()
        + " data, then test the connection again.";
  }
}
