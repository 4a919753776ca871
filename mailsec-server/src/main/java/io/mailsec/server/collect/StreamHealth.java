package io.mailsec.server.collect;

import io.mailsec.core.store.StreamId;
import java.time.Duration;
import java.time.Instant;

/**
 * A point-in-time view of one stream's health: not "some row arrived in the last 30 days" but the
 * outcome of the last poll, how far behind the newest event is, and what was lost or quarantined.
 *
 * @param stream the stream
 * @param state CONNECTED / DEGRADED / ERROR (or PENDING before the first poll)
 * @param reason why the state is not CONNECTED, in an admin's words; empty when CONNECTED
 * @param lastAttempt when the stream last polled, or null
 * @param lastSuccess when a poll last succeeded, or null
 * @param newestEvent the newest event time seen by this process, or null
 * @param lag {@code now - newestEvent}, or null when no event was seen
 * @param caughtUp whether the vendor had nothing newer at the last successful poll
 * @param events events stored by this process since it started
 * @param bytes payload bytes received since start
 * @param quarantined records quarantined since start
 * @param gaps gaps recorded since start
 */
public record StreamHealth(
    StreamId stream,
    StreamState state,
    String reason,
    Instant lastAttempt,
    Instant lastSuccess,
    Instant newestEvent,
    Duration lag,
    boolean caughtUp,
    long events,
    long bytes,
    long quarantined,
    long gaps) {}
