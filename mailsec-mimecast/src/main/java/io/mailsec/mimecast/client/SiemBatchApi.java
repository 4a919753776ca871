package io.mailsec.mimecast.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SIEM 2.0 batch API: list batch files ({@code GET /siem/v1/batch/events/cg}) and download them.
 * Listing needs API 2.0 credentials; downloads are plain GETs of pre-signed URLs without any
 * Authorization header and outside the rate budget.
 */
public final class SiemBatchApi {
  private final ClientContext context;

  SiemBatchApi(ClientContext context) {
    this.context = context;
  }

  public SiemBatchPage list(SiemBatchQuery query) {
    requireApi2(context);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("type", query.types().isEmpty() ? null : String.join(",", query.types()));
    params.put("dateRangeStartsAt", query.start() == null ? null : ApiDates.day(query.start()));
    params.put("dateRangeEndsAt", query.end() == null ? null : ApiDates.day(query.end()));
    params.put("pageSize", query.pageSize() == null ? null : query.pageSize().toString());
    params.put("nextPage", query.nextPage());
    JsonNode tree = context.get(Endpoint.SIEM_BATCH, params).tree();
    List<SiemBatchFile> files = new ArrayList<>();
    for (JsonNode item : tree.path("value")) {
      String url = item.path("url").asText(null);
      if (url == null || url.isBlank()) {
        throw new PayloadException(
            PayloadException.UNEXPECTED, "a batch listing entry has no url", null);
      }
      files.add(
          new SiemBatchFile(
              context.baseUrl().resolve(url),
              item.path("size").asLong(-1),
              instantOrNull(item.path("expiry").asText(null))));
    }
    return new SiemBatchPage(
        files, textOrNull(tree.path("@nextPage")), tree.path("isCaughtUp").asBoolean(false));
  }

  /**
   * Opens a batch file; its NDJSON lines stream one record at a time (origin = URL path). Throws
   * {@link ExpiredDownloadUrlException} when the link has expired, so the caller can list again.
   */
  public RecordStream download(SiemBatchFile file) {
    Response response = context.transport().send(ApiRequest.download(file.url()));
    String origin = file.url().getPath();
    String what = "SIEM batch file " + origin;
    try {
      RecordReader reader =
          Payloads.open(
              response.body(),
              origin,
              name -> EntryFormat.json(null, context.limits().maxRecordChars()),
              context.limits(),
              what);
      return new RecordStream(reader, response, what);
    } catch (IOException e) {
      response.close();
      throw Payloads.bodyFailure(e, what);
    } catch (RuntimeException e) {
      response.close();
      throw e;
    }
  }

  static void requireApi2(ClientContext context) {
    if (!context.api2()) {
      throw new IllegalStateException(
          "The /siem/v1 endpoints need API 2.0 credentials; with API 1.0 use siemLogs()");
    }
  }

  static String textOrNull(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
  }

  private static Instant instantOrNull(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
