package io.mailsec.mimecast.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Targeted Threat Protection logs ({@code POST /api/ttp/{url,attachment,impersonation}/get-logs}),
 * on API 1.0 and 2.0 alike. Each call returns one page; follow {@link LogPage#nextPageToken()}
 * while {@link LogPage#hasMore()}.
 */
public final class TtpApi {
  private final ClientContext context;

  TtpApi(ClientContext context) {
    this.context = context;
  }

  public LogPage urlLogs(TtpUrlQuery query) {
    ObjectNode item = window(query.from(), query.to(), query.oldestFirst());
    putIfPresent(item, "route", query.route());
    putIfPresent(item, "scanResult", query.scanResult());
    return page(Endpoint.TTP_URL, "clickLogs", query.pageSize(), query.pageToken(), item);
  }

  public LogPage attachmentLogs(TtpAttachmentQuery query) {
    ObjectNode item = window(query.from(), query.to(), query.oldestFirst());
    putIfPresent(item, "route", query.route());
    putIfPresent(item, "result", query.result());
    return page(
        Endpoint.TTP_ATTACHMENT, "attachmentLogs", query.pageSize(), query.pageToken(), item);
  }

  public LogPage impersonationLogs(TtpImpersonationQuery query) {
    ObjectNode item = window(query.from(), query.to(), query.oldestFirst());
    if (query.taggedMalicious() != null) {
      item.put("taggedMalicious", query.taggedMalicious());
    }
    putIfPresent(item, "searchField", query.searchField());
    putIfPresent(item, "query", query.query());
    putList(item, "identifiers", query.identifiers());
    putList(item, "actions", query.actions());
    return page(
        Endpoint.TTP_IMPERSONATION, "impersonationLogs", query.pageSize(), query.pageToken(), item);
  }

  private LogPage page(
      Endpoint endpoint, String arrayName, Integer pageSize, String pageToken, ObjectNode item) {
    ClientContext.JsonPage page =
        context.postEnvelope(endpoint, ClientContext.envelope(pageSize, pageToken, item));
    // data is [ { "<arrayName>": [...] } ], or [] when there is nothing.
    List<String> texts =
        Json.rawArrayElements(page.text(), endpoint.path() + " response", "data", 0, arrayName);
    return logPage(page.tree(), arrayName, texts);
  }

  static LogPage logPage(JsonNode tree, String origin, List<String> texts) {
    List<RawRecord> records = new ArrayList<>(texts.size());
    for (String text : texts) {
      records.add(RawRecord.json(origin, records.size() + 1, text));
    }
    JsonNode pagination = tree.path("meta").path("pagination");
    JsonNode total = pagination.path("totalCount");
    return new LogPage(
        records,
        SiemBatchApi.textOrNull(pagination.path("next")),
        total.isNumber() ? Integer.valueOf(total.intValue()) : null);
  }

  static ObjectNode window(Instant from, Instant to, boolean oldestFirst) {
    ObjectNode item = Json.MAPPER.createObjectNode();
    if (from != null) {
      item.put("from", ApiDates.api(from));
    }
    if (to != null) {
      item.put("to", ApiDates.api(to));
    }
    item.put("oldestFirst", oldestFirst);
    return item;
  }

  static void putIfPresent(ObjectNode item, String field, String value) {
    if (value != null) {
      item.put(field, value);
    }
  }

  private static void putList(ObjectNode item, String field, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = item.putArray(field);
      values.forEach(array::add);
    }
  }
}
