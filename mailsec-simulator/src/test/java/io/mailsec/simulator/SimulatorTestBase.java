package io.mailsec.simulator;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;

/**
 * Starts a small simulator on a hand-moved clock per test. Subclasses call {@link #start} with the
 * options they need (small traffic keeps the module's tests fast).
 */
abstract class SimulatorTestBase {
  /** An instant in the middle of a SIEM period and a feed hour. */
  static final Instant T0 = Instant.parse("2024-11-13T12:07:30.250Z");

  MutableClock clock;
  MimecastSimulator simulator;
  SimClient client;

  SimulatorOptions.Builder smallOptions() {
    clock = new MutableClock(T0);
    return SimulatorOptions.builder()
        .seed(7)
        .messagesPerDay(400)
        .history(Duration.ofDays(1))
        .rateLimitPerMinute(100_000)
        .clock(clock);
  }

  void start(SimulatorOptions options) throws IOException {
    simulator = MimecastSimulator.start(options);
    client = new SimClient(simulator, options.clock());
  }

  void startSmall() throws IOException {
    start(smallOptions().build());
  }

  @AfterEach
  void stopSimulator() {
    if (simulator != null) {
      simulator.close();
    }
  }
}
