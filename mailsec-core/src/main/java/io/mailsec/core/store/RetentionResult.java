package io.mailsec.core.store;

/**
 * What {@link EventStore#deleteOlderThan} removed.
 *
 * @param events events whose {@code event_time} was before the cutoff
 * @param quarantined quarantined records recorded before the cutoff
 * @param gaps gaps recorded before the cutoff
 */
public record RetentionResult(long events, long quarantined, long gaps) {}
