package io.mailsec.core.store;

import java.time.Instant;

/**
 * One interval of {@link EventStore#histogram}.
 *
 * @param start start of the interval (inclusive); intervals are aligned to the epoch in UTC, so a
 *     one-day interval starts at midnight UTC
 * @param count matching events whose {@code event_time} falls into the interval
 */
public record HistogramBucket(Instant start, long count) {}
