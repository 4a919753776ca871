package io.mailsec.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Runs one task per part on its own thread and waits for all, rethrowing the first failure. */
final class Workers {
  @FunctionalInterface
  interface PartTask<T> {
    void run(int index, List<T> part) throws Exception;
  }

  private Workers() {}

  static <T> void run(List<List<T>> parts, PartTask<T> task) throws InterruptedException {
    if (parts.size() == 1) {
      try {
        task.run(0, parts.get(0));
      } catch (RuntimeException e) {
        throw e;
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(parts.size());
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        int index = i;
        List<T> part = parts.get(i);
        futures.add(
            pool.submit(
                () -> {
                  task.run(index, part);
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Splits {@code items} into {@code n} contiguous parts of (almost) equal size. */
  static <T> List<List<T>> split(List<T> items, int n) {
    List<List<T>> parts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      parts.add(items.subList(items.size() * i / n, items.size() * (i + 1) / n));
    }
    return parts;
  }
}
