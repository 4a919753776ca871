package io.mailsec.mimecast.client;

import java.time.Duration;

/** Waits between attempts. Tests substitute one that does not block. */
@FunctionalInterface
public interface Sleeper {
  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
