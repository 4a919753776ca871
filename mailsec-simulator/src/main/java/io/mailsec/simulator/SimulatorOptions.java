package io.mailsec.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How to run a {@link MimecastSimulator}. Immutable; build with {@link #builder()}, whose defaults
 * suit a demo: loopback on an ephemeral port, seed 7, 2000 messages a day, 7 days of history,
 * Mimecast's token lifetime (1799 s), 15 minutes of clock-skew tolerance and download-URL lifetime,
 * 600 calls per minute per credential, the system UTC clock, no faults.
 *
 * @param bindAddress interface to listen on
 * @param port TCP port; 0 picks a free one
 * @param seed all data, ids and credentials derive from it
 * @param messagesPerDay average traffic; rows per message vary (receipt, process, delivery...)
 * @param history retention of SIEM files, TTP logs and feed files
 * @param tokenLifetime API 2.0 OAuth access-token lifetime ({@code expires_in})
 * @param clockSkewTolerance how far an API 1.0 {@code x-mc-date} may be from the simulator's clock
 * @param downloadUrlLifetime how long pre-signed SIEM batch download URLs work
 * @param rateLimitPerMinute calls per credential per fixed one-minute window
 * @param clock the simulator's notion of now; tests pass an adjustable clock
 * @param startupFaults fault specs {@code name[:times[:pathPrefix]]} armed at start (see {@link
 *     FaultType})
 * @param startupScenarios scenario specs {@code name[@time][;key=value...]} injected at start (see
 *     {@link SimulatorScenarios#inject(String)})
 */
public record SimulatorOptions(
    String bindAddress,
    int port,
    long seed,
    int messagesPerDay,
    Duration history,
    Duration tokenLifetime,
    Duration clockSkewTolerance,
    Duration downloadUrlLifetime,
    int rateLimitPerMinute,
    Clock clock,
    List<String> startupFaults,
    List<String> startupScenarios) {

  public SimulatorOptions {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(history, "history");
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    Objects.requireNonNull(clockSkewTolerance, "clockSkewTolerance");
    Objects.requireNonNull(downloadUrlLifetime, "downloadUrlLifetime");
    Objects.requireNonNull(clock, "clock");
    startupFaults = List.copyOf(startupFaults);
    startupScenarios = List.copyOf(startupScenarios);
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
    }
    if (messagesPerDay < 0 || messagesPerDay > 1_000_000) {
      throw new IllegalArgumentException("messagesPerDay must be in [0, 1000000]");
    }
    requirePositive(history, "history");
    requirePositive(tokenLifetime, "tokenLifetime");
    requirePositive(downloadUrlLifetime, "downloadUrlLifetime");
    if (clockSkewTolerance.isNegative()) {
      throw new IllegalArgumentException("clockSkewTolerance must not be negative");
    }
    if (rateLimitPerMinute < 1) {
      throw new IllegalArgumentException("rateLimitPerMinute must be at least 1");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public static SimulatorOptions defaults() {
    return builder().build();
  }

  /** A builder pre-filled with these options. */
  public Builder toBuilder() {
    return new Builder()
        .bindAddress(bindAddress)
        .port(port)
        .seed(seed)
        .messagesPerDay(messagesPerDay)
        .history(history)
        .tokenLifetime(tokenLifetime)
        .clockSkewTolerance(clockSkewTolerance)
        .downloadUrlLifetime(downloadUrlLifetime)
        .rateLimitPerMinute(rateLimitPerMinute)
        .clock(clock)
        .startupFaults(startupFaults)
        .startupScenarios(startupScenarios);
  }

  /** Mutable builder; every setter returns {@code this}. */
  public static final class Builder {
    private String bindAddress = "127.0.0.1";
    private int port = 0;
    private long seed = 7;
    private int messagesPerDay = 2_000;
    private Duration history = Duration.ofDays(7);
    private Duration tokenLifetime = Duration.ofSeconds(1_799);
    private Duration clockSkewTolerance = Duration.ofMinutes(15);
    private Duration downloadUrlLifetime = Duration.ofMinutes(15);
    private int rateLimitPerMinute = 600;
    private Clock clock = Clock.systemUTC();
    private final List<String> startupFaults = new ArrayList<>();
    private final List<String> startupScenarios = new ArrayList<>();

    private Builder() {}

    public Builder bindAddress(String value) {
      this.bindAddress = value;
      return this;
    }

    public Builder port(int value) {
      this.port = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder messagesPerDay(int value) {
      this.messagesPerDay = value;
      return this;
    }

    public Builder history(Duration value) {
      this.history = value;
      return this;
    }

    public Builder tokenLifetime(Duration value) {
      this.tokenLifetime = value;
      return this;
    }

    public Builder clockSkewTolerance(Duration value) {
      this.clockSkewTolerance = value;
      return this;
    }

    public Builder downloadUrlLifetime(Duration value) {
      this.downloadUrlLifetime = value;
      return this;
    }

    public Builder rateLimitPerMinute(int value) {
      this.rateLimitPerMinute = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    /** Replaces the start-up fault specs. */
    public Builder startupFaults(List<String> specs) {
      this.startupFaults.clear();
      this.startupFaults.addAll(specs);
      return this;
    }

    /** Adds one start-up fault spec, e.g. {@code "server-error:2:/api/ttp"}. */
    public Builder startupFault(String spec) {
      this.startupFaults.add(spec);
      return this;
    }

    /** Replaces the start-up scenario specs. */
    public Builder startupScenarios(List<String> specs) {
      this.startupScenarios.clear();
      this.startupScenarios.addAll(specs);
      return this;
    }

    /**
     * Adds one start-up scenario spec, e.g. {@code "held-burst@2024-11-13T10:00:00Z;count=30"}.
     * Give the time explicitly when a restarted simulator must serve the same records.
     */
    public Builder startupScenario(String spec) {
      this.startupScenarios.add(spec);
      return this;
    }

    public SimulatorOptions build() {
      return new SimulatorOptions(
          bindAddress,
          port,
          seed,
          messagesPerDay,
          history,
          tokenLifetime,
          clockSkewTolerance,
          downloadUrlLifetime,
          rateLimitPerMinute,
          clock,
          startupFaults,
          startupScenarios);
    }
  }
}
