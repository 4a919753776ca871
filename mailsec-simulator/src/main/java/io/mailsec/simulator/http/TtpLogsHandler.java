package io.mailsec.simulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.simulator.data.AttachmentScan;
import io.mailsec.simulator.data.DlpLog;
import io.mailsec.simulator.data.ImpersonationLog;
import io.mailsec.simulator.data.Rng;
import io.mailsec.simulator.data.UrlClick;
import io.mailsec.simulator.render.Json;
import io.mailsec.simulator.render.TtpRenderer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The three TTP log endpoints (mimecast-api.md §4) and the DLP log endpoint, which shares their
 * envelope (§6, last paragraph): {@code data[0].clickLogs}, {@code attachmentLogs}, {@code
 * impersonationLogs} (+ {@code resultCount}) or {@code dlpLogs}, newest first unless {@code
 * oldestFirst}, window {@code from}..{@code to} inclusive at second precision (defaults: start of
 * the current UTC day .. now), filters as documented, {@code pagination.next}/{@code previous}/
 * {@code totalCount}. Quirks: {@code data} is {@code []} when nothing matches, and some pages come
 * back empty although {@code next} is present (the next call returns the records).
 */
final class TtpLogsHandler {
  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 500;
  private static final Set<String> ROUTES = Set.of("all", "inbound", "outbound", "internal");
  private static final Set<String> SCAN_RESULTS = Set.of("all", "clean", "malicious");
  private static final Set<String> RESULTS =
      Set.of("all", "safe", "malicious", "timeout", "error", "unsafe");
  private static final Set<String> SEARCH_FIELDS =
      Set.of("senderAddress", "recipientAddress", "subject", "policy", "all");

  enum Kind {
    URL("ttp-url", "clickLogs"),
    ATTACHMENT("ttp-attachment", "attachmentLogs"),
    IMPERSONATION("ttp-impersonation", "impersonationLogs"),
    /** No filters are documented for DLP logs: only the window and paging. */
    DLP("dlp", "dlpLogs");

    final String endpoint;
    final String arrayKey;

    Kind(String endpoint, String arrayKey) {
      this.endpoint = endpoint;
      this.arrayKey = arrayKey;
    }
  }

  /** A matching record with its time and id, for ordering. */
  private record Row(Instant time, String id, Map<String, Object> body) {}

  private final SimContext context;
  private final Kind kind;

  TtpLogsHandler(SimContext context, Kind kind) {
    this.context = context;
    this.kind = kind;
  }

  SimResponse handle(SimRequest request, Caller caller, Instant now) {
    ApiBody body = ApiBody.parse(request);
    if (body == null) {
      return ApiBody.malformed();
    }
    PagedQuery query;
    if (body.pageToken() != null) {
      Optional<PagedQuery> opened =
          PagedQuery.open(context.cursors, body.pageToken(), kind.endpoint);
      if (opened.isEmpty()) {
        return Envelopes.validation(
            "err_invalid_page_token", "pageToken", "The page token is not valid", body.item());
      }
      query = opened.get();
    } else {
      QueryOrError built = newQuery(body, now);
      if (built.error() != null) {
        return built.error();
      }
      query = built.query();
    }
    int pageSize = body.pageSizeOr(DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
    List<Row> rows = rows(query, now);
    int total = rows.size();
    ObjectNode pagination = Json.object();
    pagination.put("pageSize", pageSize);
    pagination.put("totalCount", total);
    if (!query.emptyServed()
        && query.offset() > 0
        && query.offset() < total
        && Math.floorMod(Rng.hash(kind.endpoint + query.seal(context.cursors)), 4L) == 0) {
      pagination.put("next", query.at(query.offset(), true).seal(context.cursors));
      pagination.put(
          "previous", query.at(Math.max(0, query.offset() - pageSize), true).seal(context.cursors));
      return SimResponse.json(200, Envelopes.ok(List.of(wrap(List.of(), total)), pagination));
    }
    int from = Math.min(query.offset(), total);
    int to = Math.min(from + pageSize, total);
    List<Map<String, Object>> page = new ArrayList<>();
    for (Row row : rows.subList(from, to)) {
      page.add(row.body());
    }
    if (to < total) {
      pagination.put("next", query.at(to, false).seal(context.cursors));
    }
    if (from > 0) {
      pagination.put(
          "previous", query.at(Math.max(0, from - pageSize), true).seal(context.cursors));
    }
    List<Object> data = total == 0 ? List.of() : List.of(wrap(page, total));
    return SimResponse.json(200, Envelopes.ok(data, pagination));
  }

  private ObjectNode wrap(List<Map<String, Object>> page, int total) {
    ObjectNode item = Json.object();
    ArrayNode logs = item.putArray(kind.arrayKey);
    page.forEach(logs::addPOJO);
    if (kind == Kind.IMPERSONATION) {
      item.put("resultCount", total);
    }
    return item;
  }

  /** A validated query, or the validation failure to answer with. */
  private record QueryOrError(PagedQuery query, SimResponse error) {
    static QueryOrError of(SimResponse error) {
      return new QueryOrError(null, error);
    }
  }

  /** Validates the first request of a listing. */
  private QueryOrError newQuery(ApiBody body, Instant now) {
    Instant from;
    Instant to;
    String fromText = body.text("from");
    String toText = body.text("to");
    Optional<Instant> parsedFrom = RequestDates.parseInstant(fromText);
    Optional<Instant> parsedTo = RequestDates.parseInstant(toText);
    if (fromText != null && parsedFrom.isEmpty()) {
      return QueryOrError.of(
          invalid("from", "from must be an ISO-8601 date, e.g. 2021-10-15T00:00:00+0000", body));
    }
    if (toText != null && parsedTo.isEmpty()) {
      return QueryOrError.of(
          invalid("to", "to must be an ISO-8601 date, e.g. 2021-10-16T00:00:00+0000", body));
    }
    from = parsedFrom.orElse(now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant());
    to = parsedTo.orElse(now);
    if (to.isAfter(now)) {
      to = now;
    }
    if (to.isBefore(from)) {
      return QueryOrError.of(invalid("from", "from must not be after to", body));
    }
    Boolean oldestFirst = body.bool("oldestFirst");
    ObjectNode filters = Json.object();
    switch (kind) {
      case URL -> {
        String route = lower(body.text("route"), "all");
        String scanResult = lower(body.text("scanResult"), "all");
        if (!ROUTES.contains(route)) {
          return QueryOrError.of(invalid("route", "route must be one of " + ROUTES, body));
        }
        if (!SCAN_RESULTS.contains(scanResult)) {
          return QueryOrError.of(
              invalid("scanResult", "scanResult must be one of " + SCAN_RESULTS, body));
        }
        filters.put("route", route);
        filters.put("scanResult", scanResult);
      }
      case ATTACHMENT -> {
        String route = lower(body.text("route"), "all");
        String result = lower(body.text("result"), "all");
        if (!ROUTES.contains(route)) {
          return QueryOrError.of(invalid("route", "route must be one of " + ROUTES, body));
        }
        if (!RESULTS.contains(result)) {
          return QueryOrError.of(invalid("result", "result must be one of " + RESULTS, body));
        }
        filters.put("route", route);
        filters.put("result", result);
      }
      case IMPERSONATION -> {
        Boolean taggedMalicious = body.bool("taggedMalicious");
        if (taggedMalicious != null) {
          filters.put("taggedMalicious", taggedMalicious);
        }
        String searchField = body.text("searchField");
        String text = body.text("query");
        if (searchField != null) {
          if (!SEARCH_FIELDS.contains(searchField)) {
            return QueryOrError.of(
                invalid("searchField", "searchField must be one of " + SEARCH_FIELDS, body));
          }
          if (text == null) {
            return QueryOrError.of(
                Envelopes.validation(
                    "err_validation_null", "query", "query must not be null", body.item()));
          }
          filters.put("searchField", searchField);
          filters.put("query", text.toLowerCase(Locale.ROOT));
        }
        ArrayNode identifiers = filters.putArray("identifiers");
        body.list("identifiers").forEach(identifiers::add);
        ArrayNode actions = filters.putArray("actions");
        body.list("actions").forEach(a -> actions.add(a.toLowerCase(Locale.ROOT)));
      }
      case DLP -> {}
    }
    return new QueryOrError(
        new PagedQuery(
            kind.endpoint, from, to, Boolean.TRUE.equals(oldestFirst), filters, 0, false),
        null);
  }

  private static String lower(String value, String fallback) {
    return value == null ? fallback : value.toLowerCase(Locale.ROOT);
  }

  private static SimResponse invalid(String field, String message, ApiBody body) {
    return Envelopes.validation("err_validation_invalid_value", field, message, body.item());
  }

  private List<Row> rows(PagedQuery query, Instant now) {
    JsonNode filters = query.filters();
    List<Row> rows = new ArrayList<>();
    switch (kind) {
      case URL -> {
        String route = filters.path("route").asText("all");
        String scanResult = filters.path("scanResult").asText("all");
        for (UrlClick click : context.account.clicks(query.from(), query.to(), now)) {
          String result = click.malicious() ? "malicious" : "clean";
          if ((route.equals("all") || route.equals(click.email().direction().ttpRoute()))
              && (scanResult.equals("all") || scanResult.equals(result))) {
            rows.add(new Row(click.date(), click.id(), TtpRenderer.click(click)));
          }
        }
      }
      case ATTACHMENT -> {
        String route = filters.path("route").asText("all");
        String result = filters.path("result").asText("all");
        for (AttachmentScan scan : context.account.attachmentScans(query.from(), query.to(), now)) {
          if ((route.equals("all") || route.equals(scan.email().direction().ttpRoute()))
              && (result.equals("all") || result.equals(scan.result()))) {
            rows.add(new Row(scan.date(), scan.id(), TtpRenderer.attachment(scan)));
          }
        }
      }
      case IMPERSONATION -> {
        for (ImpersonationLog log :
            context.account.impersonationLogs(query.from(), query.to(), now)) {
          if (matches(log, filters)) {
            rows.add(new Row(log.eventTime(), log.id(), TtpRenderer.impersonation(log)));
          }
        }
      }
      case DLP -> {
        for (DlpLog log : context.account.dlpLogs(query.from(), query.to(), now)) {
          rows.add(new Row(log.eventTime(), log.id(), TtpRenderer.dlp(log)));
        }
      }
    }
    if (!query.oldestFirst()) {
      Collections.reverse(rows);
    }
    return rows;
  }

  private static boolean matches(ImpersonationLog log, JsonNode filters) {
    JsonNode tagged = filters.path("taggedMalicious");
    if (tagged.isBoolean() && tagged.asBoolean() != log.impersonation().taggedMalicious()) {
      return false;
    }
    JsonNode identifiers = filters.path("identifiers");
    if (identifiers.size() > 0) {
      boolean any = false;
      for (JsonNode identifier : identifiers) {
        any |= log.impersonation().has(identifier.asText());
      }
      if (!any) {
        return false;
      }
    }
    JsonNode actions = filters.path("actions");
    if (actions.size() > 0) {
      boolean any = false;
      for (JsonNode action : actions) {
        any |= action.asText().equals(log.impersonation().action());
      }
      if (!any) {
        return false;
      }
    }
    if (filters.has("searchField")) {
      String text = filters.path("query").asText();
      String field = filters.path("searchField").asText();
      String sender = log.email().envelopeSender().toLowerCase(Locale.ROOT);
      String recipient = log.recipient().toLowerCase(Locale.ROOT);
      String subject = log.email().subject().toLowerCase(Locale.ROOT);
      String policy = log.impersonation().definition().toLowerCase(Locale.ROOT);
      return switch (field) {
        case "senderAddress" -> sender.contains(text);
        case "recipientAddress" -> recipient.contains(text);
        case "subject" -> subject.contains(text);
        case "policy" -> policy.contains(text);
        default ->
            sender.contains(text)
                || recipient.contains(text)
                || subject.contains(text)
                || policy.contains(text);
      };
    }
    return true;
  }
}
