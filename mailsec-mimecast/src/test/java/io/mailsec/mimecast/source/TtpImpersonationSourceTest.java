package io.mailsec.mimecast.source;

import java.time.Duration;
import java.time.Instant;

class TtpImpersonationSourceTest extends SourceContractTest {
  @Override
  String dataType() {
    return "ttp-impersonation";
  }

  @Override
  boolean api2() {
    return true;
  }

  @Override
  String apiPath() {
    return "/api/ttp/impersonation/get-logs";
  }

  /** Impersonation hits are rare; more traffic gives a few every hour. */
  @Override
  SimHarness startSimulator() {
    return SimHarness.start(options -> options.messagesPerDay(3_000), Duration.ofSeconds(5));
  }

  @Override
  int maxRecordsPerBatch() {
    return 10;
  }

  @Override
  String groundTruthQuery(Instant now) {
    return "type=ttp-impersonation&to=" + now.minus(SourceSettings.DEFAULT_SETTLE_DELAY);
  }
}
