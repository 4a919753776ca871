package io.mailsec.server.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C / SIGTERM into an orderly stop: the shutdown hook runs the {@link #onSignal} action
 * (e.g. ask the collector to stop after its current batch) and then holds the JVM until the command
 * says it has {@link #finished()} cleaning up (at most {@link #GRACE_SECONDS}), so stores are
 * closed and the last batch is committed whole or not at all.
 */
final class GracefulStop implements AutoCloseable {
  static final int GRACE_SECONDS = 40;

  private final CountDownLatch signalled = new CountDownLatch(1);
  private final CountDownLatch finished = new CountDownLatch(1);
  private volatile Runnable onSignal = () -> {};

  /** Declare it first in try-with-resources, so it is closed (lets the JVM go) last. */
  GracefulStop() {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  signalled.countDown();
                  onSignal.run();
                  try {
                    finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "mailsec-graceful-stop"));
  }

  /** What to do when the signal comes, e.g. {@code collector::stop}; runs at once if it came. */
  void onSignal(Runnable action) {
    onSignal = action;
    if (signalled.getCount() == 0) {
      action.run();
    }
  }

  /** Opens when a stop signal arrived. */
  CountDownLatch signalled() {
    return signalled;
  }

  /** Lets the JVM finish exiting. */
  void finished() {
    finished.countDown();
  }

  @Override
  public void close() {
    finished();
  }
}
