package io.mailsec.server.collect;

import io.mailsec.core.store.StreamId;
import io.mailsec.core.store.StreamStats;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Stream health and store counts in the Prometheus text exposition format (for a textfile collector
 * today, and the server's {@code /metrics} endpoint later), plus the per-integration roll-up: an
 * integration is as healthy as its worst stream.
 */
public final class HealthMetrics {
  private HealthMetrics() {}

  /** The worst state of each integration's streams, by integration id. */
  public static Map<String, StreamState> byIntegration(List<StreamHealth> streams) {
    return streams.stream()
        .collect(
            Collectors.toMap(
                h -> h.stream().integrationId(),
                StreamHealth::state,
                HealthMetrics::worse,
                TreeMap::new));
  }

  static StreamState worse(StreamState a, StreamState b) {
    return rank(a) >= rank(b) ? a : b;
  }

  private static int rank(StreamState s) {
    return switch (s) {
      case CONNECTED -> 0;
      case PENDING -> 1;
      case DEGRADED -> 2;
      case ERROR -> 3;
    };
  }

  /** Renders the metrics; {@code health} may be empty when no collector has run. */
  public static String prometheus(List<StreamHealth> health, List<StreamStats> stored) {
    StringBuilder out = new StringBuilder();
    help(out, "mailsec_stream_state", "gauge", "1 for the stream's current state (label state)");
    for (StreamHealth h : health) {
      for (StreamState state : StreamState.values()) {
        line(
            out,
            "mailsec_stream_state",
            h.stream(),
            ",state=\"" + state + "\"",
            h.state() == state ? 1 : 0);
      }
    }
    help(out, "mailsec_stream_lag_seconds", "gauge", "now minus the newest event time seen");
    for (StreamHealth h : health) {
      if (h.lag() != null) {
        line(out, "mailsec_stream_lag_seconds", h.stream(), "", h.lag().toSeconds());
      }
    }
    help(
        out,
        "mailsec_stream_last_success_timestamp_seconds",
        "gauge",
        "when a poll last succeeded (unix time)");
    for (StreamHealth h : health) {
      if (h.lastSuccess() != null) {
        line(
            out,
            "mailsec_stream_last_success_timestamp_seconds",
            h.stream(),
            "",
            h.lastSuccess().getEpochSecond());
      }
    }
    help(out, "mailsec_stream_bytes_total", "counter", "payload bytes received by the collector");
    for (StreamHealth h : health) {
      line(out, "mailsec_stream_bytes_total", h.stream(), "", h.bytes());
    }
    counter(out, stored, "mailsec_stored_events", "events stored", StreamStats::events);
    counter(
        out,
        stored,
        "mailsec_quarantined_records",
        "records quarantined",
        StreamStats::quarantined);
    counter(out, stored, "mailsec_gaps", "intervals or files skipped (gaps)", StreamStats::gaps);
    return out.toString();
  }

  private static void counter(
      StringBuilder out,
      List<StreamStats> stored,
      String name,
      String help,
      Function<StreamStats, Long> value) {
    help(out, name, "gauge", help + " per stream, as the store holds them");
    for (StreamStats s : stored) {
      line(out, name, s.stream(), "", value.apply(s));
    }
  }

  private static void help(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void line(
      StringBuilder out, String name, StreamId stream, String extra, long value) {
    out.append(name)
        .append("{integration=\"")
        .append(escape(stream.integrationId()))
        .append("\",data_type=\"")
        .append(escape(stream.dataType()))
        .append('"')
        .append(extra)
        .append("} ")
        .append(value)
        .append('\n');
  }

  private static String escape(String label) {
    return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
