package io.mailsec.mimecast.source;

import java.time.Duration;
import java.time.Instant;

class DlpSourceTest extends SourceContractTest {
  @Override
  String dataType() {
    return "dlp";
  }

  @Override
  boolean api2() {
    return false;
  }

  @Override
  String apiPath() {
    return "/api/dlp/get-logs";
  }

  /** DLP matches a small share of outbound mail; more traffic gives some every few hours. */
  @Override
  SimHarness startSimulator() {
    return SimHarness.start(options -> options.messagesPerDay(3_000), Duration.ofSeconds(5));
  }

  @Override
  int maxRecordsPerBatch() {
    return 4;
  }

  @Override
  String groundTruthQuery(Instant now) {
    return "type=dlp&to=" + now.minus(SourceSettings.DEFAULT_SETTLE_DELAY);
  }
}
