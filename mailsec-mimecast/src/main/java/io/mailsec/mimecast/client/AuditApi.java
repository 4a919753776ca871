package io.mailsec.mimecast.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Audit events ({@code POST /api/audit/get-audit-events}) on API 1.0 and 2.0. */
public final class AuditApi {
  private final ClientContext context;

  AuditApi(ClientContext context) {
    this.context = context;
  }

  /** One page; the events are the {@code data[]} items themselves (origin {@code data}). */
  public LogPage events(AuditQuery query) {
    ObjectNode item = Json.MAPPER.createObjectNode();
    item.put("startDateTime", ApiDates.api(query.start()));
    item.put("endDateTime", ApiDates.api(query.end()));
    TtpApi.putIfPresent(item, "query", query.query());
    if (!query.categories().isEmpty()) {
      ArrayNode categories = item.putArray("categories");
      query.categories().forEach(categories::add);
    }
    Endpoint endpoint = Endpoint.AUDIT_EVENTS;
    ClientContext.JsonPage page =
        context.postEnvelope(
            endpoint, ClientContext.envelope(query.pageSize(), query.pageToken(), item));
    List<String> texts = Json.rawArrayElements(page.text(), endpoint.path() + " response", "data");
    return TtpApi.logPage(page.tree(), "data", texts);
  }
}
