package io.mailsec.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.store.StoreFixtures;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class SourceStringsTest {
  private static final String JSON = EventJson.write(StoreFixtures.e1());

  @Test
  void readsTheSameStringsAsTheEventModel() throws IOException {
    Event e1 = StoreFixtures.e1();
    for (String path :
        new String[] {
          "original_data",
          "to_email_address",
          "attachments.sha256",
          "attachments.name",
          "tls.version",
          "ingest.integration_id",
          "subject"
        }) {
      assertThat(SourceStrings.at(JSON, path)).as(path).isEqualTo(e1.get(path));
    }
  }

  @Test
  void ignoresNonStringsAndMissingPaths() throws IOException {
    assertThat(SourceStrings.at(JSON, "message_size")).isEmpty();
    assertThat(SourceStrings.at(JSON, "attachments")).isEmpty();
    assertThat(SourceStrings.at(JSON, "no.such.path")).isEmpty();
    assertThat(SourceStrings.at(JSON, "schema")).isEmpty();
  }
}
