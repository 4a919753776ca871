package io.mailsec.mimecast.source;

import io.mailsec.core.store.StreamId;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What a Mimecast source needs besides the client. Immutable; start from {@link #of} and adjust
 * with the {@code with...} methods.
 *
 * @param stream the stream the source feeds (named in gaps)
 * @param lookBack how far back the first run starts; each source clamps it to what Mimecast keeps
 *     (SIEM 7 days, threat feed 7 days, audit 60 days; the clipped part of audit is a gap)
 * @param feedTypes threat intel only: the feeds to collect, {@code malware_customer} and/or {@code
 *     malware_grid}
 * @param clock "now" for windows, look-back and gap timestamps
 * @param maxRecordsPerBatch most records one poll returns; large files are split into several
 *     batches with checkpoints inside the file
 * @param settleDelay TTP and audit windows end this long before now, so that records still being
 *     written are read by a later window rather than missed
 * @param windowOverlap a new TTP or audit window starts this long before the previous one ended, to
 *     catch records that appear late; the duplicates it causes are absorbed by the store's upsert
 */
public record SourceSettings(
    StreamId stream,
    Duration lookBack,
    Set<String> feedTypes,
    Clock clock,
    int maxRecordsPerBatch,
    Duration settleDelay,
    Duration windowOverlap) {

  public static final int DEFAULT_MAX_RECORDS_PER_BATCH = 5_000;
  public static final Duration DEFAULT_SETTLE_DELAY = Duration.ofMinutes(1);
  public static final Duration DEFAULT_WINDOW_OVERLAP = Duration.ofMinutes(5);
  public static final Set<String> ALL_FEED_TYPES = Set.of("malware_customer", "malware_grid");

  public SourceSettings {
    Objects.requireNonNull(stream, "stream");
    Objects.requireNonNull(lookBack, "lookBack");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(settleDelay, "settleDelay");
    Objects.requireNonNull(windowOverlap, "windowOverlap");
    feedTypes = feedTypes == null || feedTypes.isEmpty() ? ALL_FEED_TYPES : Set.copyOf(feedTypes);
    if (lookBack.isNegative()) {
      throw new IllegalArgumentException("lookBack must not be negative");
    }
    if (settleDelay.isNegative() || windowOverlap.isNegative()) {
      throw new IllegalArgumentException("settleDelay and windowOverlap must not be negative");
    }
    if (maxRecordsPerBatch < 1) {
      throw new IllegalArgumentException("maxRecordsPerBatch must be at least 1");
    }
  }

  /** Production defaults: all feed types, the UTC system clock, 5000 records, 1 min, 5 min. */
  public static SourceSettings of(StreamId stream, Duration lookBack) {
    return new SourceSettings(
        stream,
        lookBack,
        ALL_FEED_TYPES,
        Clock.systemUTC(),
        DEFAULT_MAX_RECORDS_PER_BATCH,
        DEFAULT_SETTLE_DELAY,
        DEFAULT_WINDOW_OVERLAP);
  }

  public SourceSettings withLookBack(Duration value) {
    return new SourceSettings(
        stream, value, feedTypes, clock, maxRecordsPerBatch, settleDelay, windowOverlap);
  }

  public SourceSettings withFeedTypes(Set<String> value) {
    return new SourceSettings(
        stream, lookBack, value, clock, maxRecordsPerBatch, settleDelay, windowOverlap);
  }

  public SourceSettings withClock(Clock value) {
    return new SourceSettings(
        stream, lookBack, feedTypes, value, maxRecordsPerBatch, settleDelay, windowOverlap);
  }

  public SourceSettings withMaxRecordsPerBatch(int value) {
    return new SourceSettings(
        stream, lookBack, feedTypes, clock, value, settleDelay, windowOverlap);
  }

  public SourceSettings withSettleDelay(Duration value) {
    return new SourceSettings(
        stream, lookBack, feedTypes, clock, maxRecordsPerBatch, value, windowOverlap);
  }

  public SourceSettings withWindowOverlap(Duration value) {
    return new SourceSettings(
        stream, lookBack, feedTypes, clock, maxRecordsPerBatch, settleDelay, value);
  }
}
