package io.mailsec.store.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Runs the independent parts of one CPU-bound computation on the calling thread and, when they are
 * idle, threads of the common fork-join pool. The calling thread takes parts too and never waits
 * for a part nobody started, so a busy pool only makes it as slow as running the parts one after
 * the other.
 */
final class Parts {
  /** One part; may fail with an I/O error. */
  @FunctionalInterface
  interface Part<T> {
    T run(int index) throws IOException;
  }

  private Parts() {}

  /**
   * The results of parts {@code 0} to {@code n - 1}, in that order.
   *
   * @throws IOException the first failure of a part, after every started part has ended
   */
  static <T> List<T> run(int n, Part<T> part) throws IOException {
    if (n == 1) {
      return List.of(part.run(0));
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReferenceArray<T> results = new AtomicReferenceArray<>(n);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(n);
    Runnable worker =
        () -> {
          for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
            try {
              results.set(i, part.run(i));
            } catch (Throwable t) {
              failure.compareAndSet(null, t);
            } finally {
              done.countDown();
            }
          }
        };
    for (int helper = 1; helper < n; helper++) {
      ForkJoinPool.commonPool().execute(worker);
    }
    worker.run();
    awaitUninterruptibly(done);
    Throwable t = failure.get();
    if (t instanceof IOException e) {
      throw e;
    } else if (t instanceof RuntimeException e) {
      throw e;
    } else if (t instanceof Error e) {
      throw e;
    } else if (t != null) {
      throw new IllegalStateException(t);
    }
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(results.get(i));
    }
    return out;
  }

  /**
   * Waits for parts already running elsewhere; they end on their own, so an interrupt waits too.
   */
  private static void awaitUninterruptibly(CountDownLatch done) {
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
