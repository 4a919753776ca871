package io.mailsec.server.collect;

/** Where a backfill (or one data type of it) stands. */
public enum BackfillState {
  /** Waiting for its turn: the data types of a job run one after the other. */
  QUEUED,
  RUNNING,
  /** The whole range was read. */
  DONE,
  /** Stopped by an error; the error text says what to fix. What was stored stays stored. */
  FAILED,
  /** Stopped by a user; what was stored stays stored. */
  CANCELLED,
  /**
   * The server stopped while the job was queued or running. Such a job is not resumed: start it
   * again; records stored by the first attempt are recognised and skipped as duplicates.
   */
  INTERRUPTED;

  public boolean finished() {
    return this != QUEUED && this != RUNNING;
  }
}
