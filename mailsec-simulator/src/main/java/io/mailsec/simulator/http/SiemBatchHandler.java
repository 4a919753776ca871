package io.mailsec.simulator.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.simulator.data.SiemType;
import io.mailsec.simulator.data.SimulatedAccount;
import io.mailsec.simulator.http.SiemFileCatalog.FileRef;
import io.mailsec.simulator.render.Formats;
import io.mailsec.simulator.render.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /siem/v1/batch/events/cg} (mimecast-api.md §3.3): pages of pre-signed URLs to gzip
 * NDJSON files, in (period, type, part) order. Dates are whole UTC days; without {@code
 * dateRangeStartsAt} the listing starts at the oldest retained file, without {@code
 * dateRangeEndsAt} it stays open and later calls with the same {@code @nextPage} return files
 * published since. {@code @nextPage} is returned on every page, including the last, empty one. A
 * cursor whose position has aged out of retention is refused (400) rather than silently skipped.
 */
final class SiemBatchHandler {
  static final String DOWNLOAD_PREFIX = "/downloads/siem-batch/";
  private static final SiemType LAST_TYPE = SiemType.values()[SiemType.values().length - 1];
  private static final String TOKEN_PREFIX = "batch:";
  private static final int DEFAULT_PAGE_SIZE = 100;
  private static final int MAX_PAGE_SIZE = 500;
  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Where a listing stands: its filter and the last file it returned. */
  private record Cursor(Set<SiemType> types, Long endPeriod, FileRef after) {}

  private final SimContext context;

  SiemBatchHandler(SimContext context) {
    this.context = context;
  }

  SimResponse handle(SimRequest request, Caller caller, Instant now) {
    SimulatedAccount account = context.account;
    long oldest = account.oldestRetainedSiemPeriod(now);
    long newest = account.newestPublishedSiemPeriod(now);
    Cursor cursor;
    String nextPage = request.param("nextPage");
    if (nextPage != null) {
      Optional<Cursor> decoded = decode(nextPage);
      if (decoded.isEmpty()) {
        return badRequest("invalid_next_page", "nextPage is not a valid cursor");
      }
      if (decoded.get().after().period() < oldest - 1) {
        return badRequest(
            "next_page_expired", "nextPage points at files that are no longer retained");
      }
      cursor = decoded.get();
    } else {
      Optional<Set<SiemType>> types = SiemTypes.parse(request.param("type"));
      if (types.isEmpty()) {
        return badRequest("invalid_type", "type contains an unknown event type");
      }
      String startText = request.param("dateRangeStartsAt");
      String endText = request.param("dateRangeEndsAt");
      Optional<LocalDate> startDay = RequestDates.parseDay(startText);
      Optional<LocalDate> endDay = RequestDates.parseDay(endText);
      if ((startText != null && startDay.isEmpty()) || (endText != null && endDay.isEmpty())) {
        return badRequest("invalid_date", "dateRangeStartsAt/EndsAt must be dates (yyyy-MM-dd)");
      }
      if (startDay.isPresent() && endDay.isPresent() && endDay.get().isBefore(startDay.get())) {
        return badRequest("invalid_date_range", "dateRangeEndsAt is before dateRangeStartsAt");
      }
      long startPeriod =
          startDay
              .map(d -> Math.max(oldest, SimulatedAccount.siemPeriodOf(startOf(d))))
              .orElse(oldest);
      Long endPeriod =
          endDay.map(d -> SimulatedAccount.siemPeriodOf(startOf(d.plusDays(1))) - 1).orElse(null);
      cursor = new Cursor(types.get(), endPeriod, new FileRef(startPeriod - 1, LAST_TYPE, 1));
    }
    int pageSize = pageSize(request.param("pageSize"));

    long last = cursor.endPeriod() == null ? newest : Math.min(cursor.endPeriod(), newest);
    List<FileRef> page = new ArrayList<>();
    boolean more = false;
    scan:
    for (long period = Math.max(cursor.after().period(), oldest); period <= last; period++) {
      for (FileRef file : context.files.batchFiles(period, cursor.types())) {
        if (file.compareTo(cursor.after()) <= 0) {
          continue;
        }
        if (page.size() == pageSize) {
          more = true;
          break scan;
        }
        page.add(file);
      }
    }
    FileRef position = page.isEmpty() ? cursor.after() : page.get(page.size() - 1);
    if (!more) {
      FileRef end = new FileRef(last, LAST_TYPE, 1);
      if (end.compareTo(position) > 0) {
        position = end;
      }
    }

    Instant issued = now.truncatedTo(ChronoUnit.SECONDS);
    Instant expiry = issued.plus(context.options.downloadUrlLifetime());
    String base = context.baseUrlFor(request);
    ObjectNode body = Json.object();
    ArrayNode value = body.putArray("value");
    for (FileRef file : page) {
      ObjectNode item = value.addObject();
      item.put("url", base + downloadUrl(file, issued));
      item.put("size", context.files.batchGzip(file).length);
      item.put("expiry", Formats.isoMillis(expiry));
    }
    body.put("@nextPage", encode(new Cursor(cursor.types(), cursor.endPeriod(), position)));
    body.put("isCaughtUp", !more);
    return SimResponse.json(200, body);
  }

  private static Instant startOf(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
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

  /** Path and query of a pre-signed URL (S3-style parameters) issued at {@code issued}. */
  private String downloadUrl(FileRef file, Instant issued) {
    String path =
        DOWNLOAD_PREFIX + file.period() + "/" + file.type().slug() + "/" + file.part() + ".json.gz";
    String date = AMZ_DATE.format(issued);
    long expires = context.options.downloadUrlLifetime().toSeconds();
    return path
        + "?X-Amz-Date="
        + date
        + "&X-Amz-Expires="
        + expires
        + "&X-Amz-Signature="
        + DownloadHandler.signature(context.urlSigningKey, path, date, expires);
  }

  private static SimResponse badRequest(String code, String message) {
    return SimResponse.json(400, Envelopes.siemError(code, message));
  }

  private String encode(Cursor cursor) {
    FileRef after = cursor.after();
    return context.cursors.seal(
        TOKEN_PREFIX
            + SiemTypes.mask(cursor.types())
            + ":"
            + (cursor.endPeriod() == null ? "-" : cursor.endPeriod())
            + ":"
            + after.period()
            + ":"
            + after.type().ordinal()
            + ":"
            + after.part());
  }

  private Optional<Cursor> decode(String token) {
    return context
        .cursors
        .open(token)
        .filter(payload -> payload.startsWith(TOKEN_PREFIX))
        .flatMap(
            payload -> {
              String[] parts = payload.substring(TOKEN_PREFIX.length()).split(":");
              try {
                return Optional.of(
                    new Cursor(
                        SiemTypes.fromMask(Integer.parseInt(parts[0])),
                        parts[1].equals("-") ? null : Long.valueOf(parts[1]),
                        new FileRef(
                            Long.parseLong(parts[2]),
                            SiemType.values()[Integer.parseInt(parts[3])],
                            Integer.parseInt(parts[4]))));
              } catch (RuntimeException e) {
                return Optional.empty();
              }
            });
  }
}
