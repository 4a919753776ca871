package io.mailsec.mimecast.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fails a response body read that stays silent longer than the idle timeout. The JDK HttpClient
 * only times out until the headers arrive; a server that stalls mid-body would block a reader
 * forever. Closing the JDK body stream wakes a blocked reader, so a watchdog closes it.
 */
final class IdleTimeoutInputStream extends FilterInputStream {
  private static final ScheduledThreadPoolExecutor WATCHDOG = newWatchdog();

  private final long idleMillis;
  private volatile boolean timedOut;

  IdleTimeoutInputStream(InputStream in, Duration idle) {
    super(in);
    this.idleMillis = Math.max(1, idle.toMillis());
  }

  private static ScheduledThreadPoolExecutor newWatchdog() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "mimecast-read-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }

  @Override
  public int read() throws IOException {
    ScheduledFuture<?> alarm = arm();
    try {
      return super.read();
    } catch (IOException e) {
      throw translate(e);
    } finally {
      alarm.cancel(false);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    ScheduledFuture<?> alarm = arm();
    try {
      return super.read(b, off, len);
    } catch (IOException e) {
      throw translate(e);
    } finally {
      alarm.cancel(false);
    }
  }

  private ScheduledFuture<?> arm() throws IOException {
    if (timedOut) {
      throw timeout(null);
    }
    return WATCHDOG.schedule(this::expire, idleMillis, TimeUnit.MILLISECONDS);
  }

  private void expire() {
    timedOut = true;
    try {
      in.close();
    } catch (IOException e) {
      // The reader gets the timeout either way.
    }
  }

  private IOException translate(IOException e) {
    return timedOut ? timeout(e) : e;
  }

  private HttpTimeoutException timeout(IOException cause) {
    HttpTimeoutException timeout =
        new HttpTimeoutException("no data for " + idleMillis + " ms while reading the response");
    if (cause != null) {
      timeout.initCause(cause);
    }
    return timeout;
  }
}
