package io.mailsec.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.simulator.data.Rng;
import io.mailsec.simulator.data.SiemEvent;
import io.mailsec.simulator.data.SiemType;
import io.mailsec.simulator.data.SimulatedAccount;
import io.mailsec.simulator.render.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /siem/v1/events/cg} (mimecast-api.md §3.4): events inline, oldest first, from the same
 * published SIEM periods as the files. The window must start within the last 24 hours (400
 * otherwise, also for a cursor that has fallen out of it). Events use {@code eventType}/{@code
 * subType}. Reproduces the known defect that a page fetched with {@code nextPage} sometimes starts
 * with the last event of the previous page.
 */
final class SiemStreamHandler {
  private static final Duration WINDOW = Duration.ofHours(24);
  private static final String TOKEN_PREFIX = "stream:";

  /** Sorts after every event id at the same millisecond. */
  private static final String AFTER_ALL_IDS = "~";

  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 1_000;

  /** The filter and the (time, id) of the last event returned. */
  private record Cursor(Set<SiemType> types, Long endMillis, long afterMillis, String afterId) {
    boolean isAfterPosition(SiemEvent event) {
      long t = event.time().toEpochMilli();
      return t > afterMillis || (t == afterMillis && event.id().compareTo(afterId) > 0);
    }
  }

  private final SimContext context;

  SiemStreamHandler(SimContext context) {
    this.context = context;
  }

  SimResponse handle(SimRequest request, Caller caller, Instant now) {
    Instant windowStart = now.minus(WINDOW);
    String nextPage = request.param("nextPage");
    Cursor cursor;
    if (nextPage != null) {
      Optional<Cursor> decoded = decode(nextPage);
      if (decoded.isEmpty()) {
        return badRequest("invalid_next_page", "nextPage is not a valid cursor");
      }
      if (decoded.get().afterMillis() < windowStart.toEpochMilli() - 1) {
        return badRequest("invalid_date_range", "nextPage lies outside the last 24 hours");
      }
      cursor = decoded.get();
    } else {
      String typeParam =
          request.param("types") != null ? request.param("types") : request.param("type");
      Optional<Set<SiemType>> types = SiemTypes.parse(typeParam);
      if (types.isEmpty()) {
        return badRequest("invalid_type", "types contains an unknown event type");
      }
      String startText = request.param("dateRangeStartsAt");
      String endText = request.param("dateRangeEndsAt");
      Optional<Instant> start = RequestDates.parseInstant(startText);
      Optional<Instant> end = RequestDates.parseInstant(endText);
      if ((startText != null && start.isEmpty()) || (endText != null && end.isEmpty())) {
        return badRequest("invalid_date", "dates must be ISO-8601 timestamps");
      }
      Instant from = start.orElse(windowStart);
      if (from.isBefore(windowStart)) {
        return badRequest(
            "invalid_date_range", "dateRangeStartsAt must be within the last 24 hours");
      }
      if (end.isPresent() && !end.get().isAfter(from)) {
        return badRequest("invalid_date_range", "dateRangeEndsAt must be after dateRangeStartsAt");
      }
      cursor =
          new Cursor(
              types.get(),
              end.map(Instant::toEpochMilli).orElse(null),
              from.toEpochMilli() - 1,
              AFTER_ALL_IDS);
    }
    int pageSize = pageSize(request.param("pageSize"));

    SimulatedAccount account = context.account;
    long newest = account.newestPublishedSiemPeriod(now);
    long last =
        cursor.endMillis() == null
            ? newest
            : Math.min(
                newest,
                SimulatedAccount.siemPeriodOf(Instant.ofEpochMilli(cursor.endMillis() - 1)));
    long first =
        Math.max(
            SimulatedAccount.siemPeriodOf(Instant.ofEpochMilli(cursor.afterMillis())),
            account.oldestRetainedSiemPeriod(now));
    List<SiemEvent> page = new ArrayList<>();
    boolean more = false;
    scan:
    for (long period = first; period <= last; period++) {
      for (SiemEvent event : account.siemEvents(period)) {
        if (!cursor.types().contains(event.type())
            || !cursor.isAfterPosition(event)
            || (cursor.endMillis() != null && event.time().toEpochMilli() >= cursor.endMillis())) {
          continue;
        }
        if (page.size() == pageSize) {
          more = true;
          break scan;
        }
        page.add(event);
      }
    }

    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    if (nextPage != null && Math.floorMod(Rng.hash(nextPage), 3L) == 0) {
      previousEvent(cursor).ifPresent(event -> value.addPOJO(context.siem2.stream(event)));
    }
    for (SiemEvent event : page) {
      value.addPOJO(context.siem2.stream(event));
    }
    Cursor next =
        page.isEmpty()
            ? cursor
            : new Cursor(
                cursor.types(),
                cursor.endMillis(),
                page.get(page.size() - 1).time().toEpochMilli(),
                page.get(page.size() - 1).id());
    body.put("@nextPage", encode(next));
    body.put("isCaughtUp", !more);
    return SimResponse.json(200, body);
  }

  /** The event a cursor points at (the last one of the previous page), if it still exists. */
  private Optional<SiemEvent> previousEvent(Cursor cursor) {
    long period = SimulatedAccount.siemPeriodOf(Instant.ofEpochMilli(cursor.afterMillis()));
    return context.account.siemEvents(period).stream()
        .filter(
            e ->
                e.time().toEpochMilli() == cursor.afterMillis()
                    && e.id().equals(cursor.afterId())
                    && cursor.types().contains(e.type()))
        .findFirst();
  }

  private static int pageSize(String text) {
    if (text == null) {
      return DEFAULT_PAGE_SIZE;
    }
    try {
      return Math.max(1, Math.min(MAX_PAGE_SIZE, Integer.parseInt(text)));
    } catch (NumberFormatException e) {
      return DEFAULT_PAGE_SIZE;
    }
  }

  private static SimResponse badRequest(String code, String message) {
    return SimResponse.json(400, Envelopes.siemError(code, message));
  }

  private String encode(Cursor cursor) {
    return context.cursors.seal(
        TOKEN_PREFIX
            + SiemTypes.mask(cursor.types())
            + ":"
            + (cursor.endMillis() == null ? "-" : cursor.endMillis())
            + ":"
            + cursor.afterMillis()
            + ":"
            + cursor.afterId());
  }

  private Optional<Cursor> decode(String token) {
    return context
        .cursors
        .open(token)
        .filter(payload -> payload.startsWith(TOKEN_PREFIX))
        .flatMap(
            payload -> {
              String[] parts = payload.substring(TOKEN_PREFIX.length()).split(":", 4);
              try {
                return Optional.of(
                    new Cursor(
                        SiemTypes.fromMask(Integer.parseInt(parts[0])),
                        parts[1].equals("-") ? null : Long.valueOf(parts[1]),
                        Long.parseLong(parts[2]),
                        parts[3]));
              } catch (RuntimeException e) {
                return Optional.empty();
              }
            });
  }
}
