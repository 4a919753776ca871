package io.mailsec.server.collect;

/** The health of a collection stream as shown to users. */
public enum StreamState {
  /** Enabled but not polled yet. */
  PENDING,
  /** The last poll succeeded and nothing was skipped or quarantined recently. */
  CONNECTED,
  /** Data flows, but some was skipped (gaps) or could not be normalized (quarantined) recently. */
  DEGRADED,
  /** The last poll failed; the reason says what to fix. Collection retries on its schedule. */
  ERROR
}
