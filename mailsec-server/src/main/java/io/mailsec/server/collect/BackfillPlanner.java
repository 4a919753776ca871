package io.mailsec.server.collect;

import io.mailsec.core.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks a requested backfill range against what Mimecast still keeps and decides, per data type,
 * exactly which range will be collected.
 *
 * <p>Policy: the range must be ordered ({@code from < to}) and must not end in the future. A data
 * type whose retention starts after {@code from} is <b>clamped</b>: it is collected from the oldest
 * instant Mimecast still serves (retention start plus {@link BackfillRetention#EDGE_MARGIN}), and
 * the plan says so in its {@code note}. A data type of which nothing remains (the whole range is
 * older than its retention) <b>refuses</b> the request, naming the type and the oldest usable
 * instant, because collecting nothing while reporting success would mislead.
 */
public final class BackfillPlanner {
  private BackfillPlanner() {}

  /** The range one data type will get. {@code note} explains a clamp; null when none. */
  public record TypeRange(
      String dataType, Instant requestedFrom, Instant from, Instant to, String note) {
    public TypeRange {
      Objects.requireNonNull(dataType, "dataType");
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
    }

    public boolean clamped() {
      return !from.equals(requestedFrom);
    }
  }

  /**
   * The per-type ranges of a backfill of {@code [from, to)} requested at {@code now}.
   *
   * @throws IllegalArgumentException with a message for the user when the request is refused
   */
  public static List<TypeRange> plan(Instant from, Instant to, List<String> types, Instant now) {
    if (from == null || to == null) {
      throw new IllegalArgumentException("a backfill needs both 'from' and 'to'");
    }
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("'from' (" + from + ") must be before 'to' (" + to + ")");
    }
    if (to.isAfter(now)) {
      throw new IllegalArgumentException(
          "'to' (" + to + ") is in the future; a backfill ends at the latest now (" + now + ")");
    }
    if (types.isEmpty()) {
      throw new IllegalArgumentException("choose at least one data type");
    }
    List<TypeRange> ranges = new ArrayList<>();
    for (String type : types) {
      Duration retention = BackfillRetention.of(type);
      Instant oldest = now.minus(retention).plus(BackfillRetention.EDGE_MARGIN);
      String kept =
          "Mimecast keeps "
              + type
              + " for "
              + retention.toDays()
              + " days"
              + (BackfillRetention.documented(type) ? "" : " (assumed; not documented)");
      if (!to.isAfter(oldest)) {
        throw new IllegalArgumentException(
            kept
                + ": the range ends at "
                + to
                + ", before the oldest "
                + type
                + " data still available ("
                + oldest
                + "); nothing of it can be collected. Move the range or leave "
                + type
                + " out.");
      }
      if (from.isBefore(oldest)) {
        ranges.add(
            new TypeRange(
                type,
                from,
                oldest,
                to,
                kept
                    + ": collecting from "
                    + oldest
                    + " instead of "
                    + from
                    + "; the earlier "
                    + Durations.describe(
                        Duration.between(from, oldest).truncatedTo(ChronoUnit.MINUTES))
                    + " cannot be backfilled."));
      } else {
        ranges.add(new TypeRange(type, from, from, to, null));
      }
    }
    return List.copyOf(ranges);
  }
}
