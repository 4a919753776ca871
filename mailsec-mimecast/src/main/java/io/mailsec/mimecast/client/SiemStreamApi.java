package io.mailsec.mimecast.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SIEM 2.0 stream API ({@code GET /siem/v1/events/cg}): events inline, API 2.0 only. */
public final class SiemStreamApi {
  private final ClientContext context;

  SiemStreamApi(ClientContext context) {
    this.context = context;
  }

  public SiemEventPage events(SiemStreamQuery query) {
    SiemBatchApi.requireApi2(context);
    Map<String, String> params = new LinkedHashMap<>();
    params.put("types", query.types().isEmpty() ? null : String.join(",", query.types()));
    params.put("dateRangeStartsAt", query.start() == null ? null : ApiDates.stream(query.start()));
    params.put("dateRangeEndsAt", query.end() == null ? null : ApiDates.stream(query.end()));
    params.put("pageSize", query.pageSize() == null ? null : query.pageSize().toString());
    params.put("nextPage", query.nextPage());
    ClientContext.JsonPage page = context.get(Endpoint.SIEM_STREAM, params);
    List<RawRecord> events = new ArrayList<>();
    for (String text : Json.rawArrayElements(page.text(), "SIEM stream page", "value")) {
      events.add(RawRecord.json("value", events.size() + 1, text));
    }
    return new SiemEventPage(
        events,
        SiemBatchApi.textOrNull(page.tree().path("@nextPage")),
        page.tree().path("isCaughtUp").asBoolean(false));
  }
}
