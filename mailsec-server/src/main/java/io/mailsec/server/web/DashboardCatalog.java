package io.mailsec.server.web;

import io.mailsec.core.Durations;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * The console's dashboards: their time ranges, KPI counts and chart panels, each one query of the
 * query language. Served by {@code GET /api/v1/dashboards} and run by the start-up warm-up ({@link
 * QueryWarmer}), so the page and the warm-up ask the store the same questions.
 *
 * <p>A range's queries share one absolute window of whole intervals ({@link #window}): every panel
 * of a page counts the same events, the time series start with a full interval, and the window
 * stays the same until the next interval begins, so the store's query cache can keep each panel's
 * filter across loads instead of evaluating it again for a window a few seconds later.
 */
final class DashboardCatalog {
  /** A time range of the dashboards: its length {@code id}, time series in intervals of bin. */
  record Range(String id, String label, String bin) {
    Duration length() {
      return Durations.parse(id, "range");
    }

    Duration interval() {
      return Durations.parse(bin, "bin");
    }
  }

  /** The events of a range at some instant: from (inclusive) to (exclusive). */
  record Window(Instant from, Instant to) {}

  /** A count: {@code query} lists the events (a link to search), {@code countQuery} counts them. */
  record Kpi(String id, String label, String query, String countQuery) {}

  /**
   * A chart; {@code overTime}: the first column is {@code bin(event_time, bin)}; {@code wide}: it
   * spans the page's width.
   */
  record Panel(String id, String title, String query, boolean wide, boolean overTime) {}

  static final List<Range> RANGES =
      List.of(
          new Range("1h", "Last hour", "5m"),
          new Range("24h", "Last 24 hours", "1h"),
          new Range("7d", "Last 7 days", "6h"),
          new Range("31d", "Last 31 days", "1d"));

  static final Range DEFAULT_RANGE = RANGES.get(1);

  private static final String RECEIPTS = "FROM email WHERE event_type = 'receipt'";

  private DashboardCatalog() {}

  /**
   * The window of the range at now: it ends with the end of the interval holding now and is as long
   * as the range.
   */
  static Window window(Range range, Instant now) {
    long interval = range.interval().toMillis();
    Instant to = Instant.ofEpochMilli((Math.floorDiv(now.toEpochMilli(), interval) + 1) * interval);
    return new Window(to.minus(range.length()), to);
  }

  /** The range with this id, or null. */
  static Range range(String id) {
    return RANGES.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
  }

  static List<Kpi> kpis(Window window) {
    return Stream.of(
            new String[] {"messages", "Messages received", RECEIPTS},
            new String[] {"held", "Held", "FROM email WHERE status = 'held'"},
            new String[] {"rejected", "Rejected", "FROM email WHERE status = 'rejected'"},
            new String[] {
              "clicks-blocked", "URL clicks blocked", "FROM http WHERE action = 'block'"
            },
            new String[] {
              "malicious-attachments",
              "Malicious attachments",
              "FROM email WHERE attachments.result = 'malicious'"
            })
        .map(
            k ->
                new Kpi(
                    k[0],
                    k[1],
                    windowed(k[2], window),
                    windowed(k[2] + " | aggregate count", window)))
        .toList();
  }

  static List<Panel> panels(Range range, Window window) {
    String bin = "bin(event_time, " + range.bin() + ")";
    return Stream.of(
            new Panel(
                "mail-flow",
                "Mail flow by direction",
                RECEIPTS + " | aggregate count by " + bin + ", direction",
                true,
                true),
            new Panel(
                "actions",
                "Actions: delivered, held, rejected",
                "FROM email WHERE status IN ('delivered', 'held', 'rejected', 'bounced', 'failed')"
                    + " | aggregate count by "
                    + bin
                    + ", status",
                true,
                true),
            top("top-senders", "Top senders", RECEIPTS, "envelope_from", 10),
            top("top-recipients", "Top recipients", RECEIPTS, "to_email_address", 10),
            top("top-sender-domains", "Top sender domains", RECEIPTS, "sender_domain", 10),
            top(
                "url-clicks",
                "TTP URL clicks by category and result",
                "FROM http",
                "category, scan_result",
                12),
            top(
                "attachment-verdicts",
                "Attachment verdicts",
                "FROM email WHERE attachments.result IS NOT NULL",
                "attachments.result",
                10),
            top(
                "impersonation",
                "Impersonation hits by indicator",
                "FROM email WHERE event_type = 'ttp_impersonation'",
                "impersonation.identifiers",
                10),
            new Panel(
                "indicators",
                "Threat indicators over time",
                "FROM threat_indicator | aggregate count by " + bin + ", feed_type",
                true,
                true))
        .map(p -> new Panel(p.id(), p.title(), windowed(p.query(), window), p.wide(), p.overTime()))
        .toList();
  }

  /** Every query the dashboards of this range send at now, in the order the page sends them. */
  static List<String> queries(Range range, Instant now) {
    Window window = window(range, now);
    return Stream.concat(
            panels(range, window).stream().map(Panel::query),
            kpis(window).stream().map(Kpi::countQuery))
        .toList();
  }

  private static Panel top(String id, String title, String source, String by, int n) {
    return new Panel(
        id,
        title,
        source + " | aggregate count by " + by + " | sort count desc | head " + n,
        false,
        false);
  }

  /** The query limited to the window: {@code EARLIEST='…' LATEST='…'} before its first pipe. */
  private static String windowed(String query, Window window) {
    int pipe = query.indexOf(" |");
    String bounds = " EARLIEST='" + window.from() + "' LATEST='" + window.to() + "'";
    return pipe < 0 ? query + bounds : query.substring(0, pipe) + bounds + query.substring(pipe);
  }
}
