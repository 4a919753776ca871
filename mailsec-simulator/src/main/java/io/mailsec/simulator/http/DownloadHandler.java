package io.mailsec.simulator.http;

import io.mailsec.simulator.FaultType;
import io.mailsec.simulator.data.SiemType;
import io.mailsec.simulator.http.SiemFileCatalog.FileRef;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Serves SIEM batch files like an object store serves pre-signed URLs: no authentication, a
 * signature over path and validity in the query, 403 once expired, 404 once the file has aged out.
 * The body is a gzip file (no {@code Content-Encoding}). Faults: {@code expired-urls}, {@code
 * truncated-gzip}, {@code malformed-line}.
 */
final class DownloadHandler {
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

  private final SimContext context;

  DownloadHandler(SimContext context) {
    this.context = context;
  }

  static String signature(byte[] key, String path, String date, long expiresSeconds) {
    return Crypto.hmacSha256Hex(key, path + "\n" + date + "\n" + expiresSeconds);
  }

  SimResponse handle(SimRequest request, Instant now) {
    if (!request.method().equals("GET")) {
      return s3Error(405, "MethodNotAllowed", "The specified method is not allowed");
    }
    String path = request.path();
    Optional<FileRef> file = parse(path.substring(SiemBatchHandler.DOWNLOAD_PREFIX.length()));
    if (file.isEmpty()) {
      return s3Error(404, "NoSuchKey", "The specified key does not exist.");
    }
    String date = request.param("X-Amz-Date");
    String expiresText = request.param("X-Amz-Expires");
    String presented = request.param("X-Amz-Signature");
    Instant issued;
    long expires;
    try {
      issued = LocalDateTime.parse(date, AMZ_DATE).toInstant(ZoneOffset.UTC);
      expires = Long.parseLong(expiresText);
    } catch (DateTimeParseException | NullPointerException | NumberFormatException e) {
      return s3Error(403, "AccessDenied", "Query-string authentication requires the signature");
    }
    if (presented == null
        || !Crypto.constantTimeEquals(
            presented, signature(context.urlSigningKey, path, date, expires))) {
      return s3Error(403, "SignatureDoesNotMatch", "The request signature does not match");
    }
    if (now.isAfter(issued.plusSeconds(expires))
        || context.faults.fire(FaultType.EXPIRED_URLS, path)) {
      return s3Error(403, "AccessDenied", "Request has expired");
    }
    FileRef ref = file.get();
    if (ref.period() < context.account.oldestRetainedSiemPeriod(now)
        || ref.period() > context.account.newestPublishedSiemPeriod(now)) {
      return s3Error(404, "NoSuchKey", "The specified key does not exist.");
    }
    byte[] content =
        context.faults.fire(FaultType.MALFORMED_LINE, path)
            ? context.files.brokenBatchGzip(ref)
            : context.files.batchGzip(ref);
    if (content == null) {
      return s3Error(404, "NoSuchKey", "The specified key does not exist.");
    }
    if (context.faults.fire(FaultType.TRUNCATED_GZIP, path)) {
      content = Arrays.copyOf(content, content.length / 2);
    }
    return SimResponse.bytes(200, "application/octet-stream", content);
  }

  /** {@code <period>/<type-slug>/<part>.json.gz} */
  private static Optional<FileRef> parse(String key) {
    String[] parts = key.split("/");
    if (parts.length != 3 || !parts[2].endsWith(".json.gz")) {
      return Optional.empty();
    }
    try {
      long period = Long.parseLong(parts[0]);
      Optional<SiemType> type = SiemType.fromApiName(parts[1]);
      int part = Integer.parseInt(parts[2].substring(0, parts[2].length() - ".json.gz".length()));
      return type.map(t -> new FileRef(period, t, part));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static SimResponse s3Error(int status, String code, String message) {
    String body =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error>";
    return SimResponse.text(status, "application/xml", body);
  }
}
