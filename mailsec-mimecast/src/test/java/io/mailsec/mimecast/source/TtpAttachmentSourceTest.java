package io.mailsec.mimecast.source;

import java.time.Instant;

class TtpAttachmentSourceTest extends SourceContractTest {
  @Override
  String dataType() {
    return "ttp-attachment";
  }

  @Override
  boolean api2() {
    return false;
  }

  @Override
  String apiPath() {
    return "/api/ttp/attachment/get-logs";
  }

  @Override
  int maxRecordsPerBatch() {
    return 20;
  }

  @Override
  String groundTruthQuery(Instant now) {
    return "type=ttp-attachment&to=" + now.minus(SourceSettings.DEFAULT_SETTLE_DELAY);
  }
}
