package io.mailsec.mimecast.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.store.StreamId;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MimecastSourcesTest {
  private SimHarness sim;
  private final SourceSettings settings =
      SourceSettings.of(new StreamId("factory", "siem"), Duration.ofDays(1));

  @BeforeEach
  void start() {
    sim = SimHarness.start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void siemUsesTheBatchApiWith20AndTheFileApiWith10() {
    assertThat(MimecastSources.create("siem", sim.client(true), settings))
        .isInstanceOf(SiemBatchSource.class);
    assertThat(MimecastSources.create("siem", sim.client(false), settings))
        .isInstanceOf(SiemFileSource.class);
  }

  @Test
  void everyDataTypeHasASourceOnBothVersions() {
    assertThat(MimecastSources.DATA_TYPES)
        .containsExactlyInAnyOrder(
            "siem",
            "ttp-url",
            "ttp-attachment",
            "ttp-impersonation",
            "dlp",
            "threat-intel",
            "audit");
    for (boolean api2 : new boolean[] {true, false}) {
      assertThat(MimecastSources.create("ttp-url", sim.client(api2), settings))
          .isInstanceOfSatisfying(
              TtpLogSource.class, s -> assertThat(s.kind()).isEqualTo(TtpLogSource.Kind.URL));
      assertThat(MimecastSources.create("ttp-attachment", sim.client(api2), settings))
          .isInstanceOfSatisfying(
              TtpLogSource.class,
              s -> assertThat(s.kind()).isEqualTo(TtpLogSource.Kind.ATTACHMENT));
      assertThat(MimecastSources.create("ttp-impersonation", sim.client(api2), settings))
          .isInstanceOfSatisfying(
              TtpLogSource.class,
              s -> assertThat(s.kind()).isEqualTo(TtpLogSource.Kind.IMPERSONATION));
      assertThat(MimecastSources.create("dlp", sim.client(api2), settings))
          .isInstanceOf(DlpLogSource.class);
      assertThat(MimecastSources.create("threat-intel", sim.client(api2), settings))
          .isInstanceOf(ThreatFeedSource.class);
      assertThat(MimecastSources.create("audit", sim.client(api2), settings))
          .isInstanceOf(AuditSource.class);
    }
  }

  @Test
  void unknownNamesAreRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> MimecastSources.create("archive", sim.client(true), settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("archive")
        .hasMessageContaining("ttp-url");
    assertThatThrownBy(
            () ->
                MimecastSources.create(
                    "threat-intel",
                    sim.client(true),
                    settings.withFeedTypes(Set.of("malware_everyone"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("malware_everyone");
  }

  @Test
  void settingsRejectNonsense() {
    assertThatThrownBy(() -> settings.withMaxRecordsPerBatch(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> settings.withLookBack(Duration.ofDays(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(settings.withFeedTypes(Set.of()).feedTypes())
        .isEqualTo(SourceSettings.ALL_FEED_TYPES);
  }
}
