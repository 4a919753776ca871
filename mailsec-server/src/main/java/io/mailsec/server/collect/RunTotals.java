package io.mailsec.server.collect;

/** Sums of {@link BatchOutcome}s over a run of a stream. */
public record RunTotals(
    long batches, long records, long events, long quarantined, long gaps, long bytes) {
  public static final RunTotals ZERO = new RunTotals(0, 0, 0, 0, 0, 0);

  public RunTotals plus(BatchOutcome o) {
    return new RunTotals(
        batches + 1,
        records + o.records(),
        events + o.events(),
        quarantined + o.quarantined(),
        gaps + o.gaps().size(),
        bytes + o.bytes());
  }
}
