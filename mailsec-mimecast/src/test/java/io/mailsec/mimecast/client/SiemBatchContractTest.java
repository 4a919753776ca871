package io.mailsec.mimecast.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SIEM 2.0 batch listing and gzip downloads (bearer) against the simulator. */
class SiemBatchContractTest {
  private static final int MAX_PAGES = 5_000;
  private SimulatorHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = SimulatorHarness.start();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private List<SiemBatchFile> listAll(MimecastClient client, SiemBatchQuery first) {
    List<SiemBatchFile> files = new ArrayList<>();
    SiemBatchQuery query = first;
    for (int pages = 0; pages < MAX_PAGES; pages++) {
      SiemBatchPage page = client.siemBatch().list(query);
      files.addAll(page.files());
      assertThat(page.nextPage()).isNotBlank();
      if (page.caughtUp()) {
        return files;
      }
      query = query.withNextPage(page.nextPage());
    }
    throw new AssertionError("never caught up");
  }

  private static List<RawRecord> download(MimecastClient client, List<SiemBatchFile> files) {
    List<RawRecord> records = new ArrayList<>();
    for (SiemBatchFile file : files) {
      try (RecordStream stream = client.siemBatch().download(file)) {
        stream.forEachRemaining(records::add);
      }
    }
    return records;
  }

  /**
   * Keys of the distinct events. The same event can arrive in two batch files (normal for Mimecast,
   * reference 7.4 #1); such copies are byte-identical, anything else must match 1:1.
   */
  private static List<String> distinctKeys(List<RawRecord> records) {
    return records.stream()
        .map(RawRecord::text)
        .distinct()
        .map(text -> RecordKeys.siem2(RawRecord.json("batch", 1, text)))
        .toList();
  }

  @Test
  void listsEveryPageAndDownloadsEveryFile() {
    List<String> truth =
        RecordKeys.truth(harness.groundTruth("siem"), "type", "aggregateId", "epochSecond");
    MimecastClient client = harness.api2();

    List<SiemBatchFile> files = listAll(client, SiemBatchQuery.allTypes().withPageSize(25));
    List<RawRecord> records = download(client, files);

    assertThat(files).isNotEmpty();
    assertThat(distinctKeys(records)).containsExactlyInAnyOrderElementsOf(truth);
  }

  @Test
  void filtersByTypeAndDay() {
    MimecastClient client = harness.api2();
    LocalDate day = LocalDate.of(2026, 11, 20);
    List<String> truth =
        RecordKeys.truth(harness.groundTruth("siem"), "type", "aggregateId", "epochSecond").stream()
            .filter(key -> key.startsWith("delivery|"))
            .filter(
                key -> {
                  long second = Long.parseLong(key.substring(key.lastIndexOf('|') + 1));
                  return Instant.ofEpochSecond(second)
                      .atZone(ZoneOffset.UTC)
                      .toLocalDate()
                      .equals(day);
                })
            .toList();

    List<RawRecord> records =
        download(
            client, listAll(client, new SiemBatchQuery(List.of("delivery"), day, day, 10, null)));

    assertThat(truth).isNotEmpty();
    assertThat(distinctKeys(records)).containsExactlyInAnyOrderElementsOf(truth);
  }

  @Test
  void anExpiredUrlIsTypedSoTheCallerCanListAgain() {
    MimecastClient client = harness.api2();
    SiemBatchPage page = client.siemBatch().list(SiemBatchQuery.allTypes().withPageSize(5));
    harness.arm("expired-urls", 1, null);

    assertThatThrownBy(() -> client.siemBatch().download(page.files().get(0)).close())
        .isInstanceOfSatisfying(
            ExpiredDownloadUrlException.class, e -> assertThat(e.retryable()).isTrue());

    SiemBatchPage again = client.siemBatch().list(SiemBatchQuery.allTypes().withPageSize(5));
    assertThat(download(client, List.of(again.files().get(0)))).isNotEmpty();
  }

  @Test
  void aTruncatedGzipIsAPayloadError() {
    MimecastClient client = harness.api2();
    List<SiemBatchFile> files =
        client.siemBatch().list(SiemBatchQuery.allTypes().withPageSize(50)).files();
    SiemBatchFile largest =
        files.stream().max(Comparator.comparingLong(SiemBatchFile::size)).orElseThrow();
    harness.arm("truncated-gzip", 1, null);

    assertThatThrownBy(() -> download(client, List.of(largest)))
        .isInstanceOfSatisfying(
            PayloadException.class,
            e -> assertThat(e.code()).isEqualTo(PayloadException.TRUNCATED));
    assertThat(download(client, List.of(largest))).isNotEmpty();
  }

  @Test
  void aMalformedLineIsReturnedRawAndTheRestOfTheFileStillArrives() {
    MimecastClient client = harness.api2();
    List<SiemBatchFile> files =
        client.siemBatch().list(SiemBatchQuery.allTypes().withPageSize(50)).files();
    SiemBatchFile largest =
        files.stream().max(Comparator.comparingLong(SiemBatchFile::size)).orElseThrow();
    List<RawRecord> clean = download(client, List.of(largest));
    harness.arm("malformed-line", 1, null);

    List<RawRecord> faulty = download(client, List.of(largest));

    assertThat(faulty).hasSameSizeAs(clean);
    List<RawRecord> broken =
        faulty.stream().filter(r -> Json.treeOrNull(r.text()) == null).toList();
    assertThat(broken).hasSize(1);
    RawRecord bad = broken.get(0);
    assertThat(clean.get((int) bad.ordinal() - 1).text()).startsWith(bad.text());
    assertThat(faulty).filteredOn(r -> r != bad).allSatisfy(r -> assertThat(clean).contains(r));
  }

  @Test
  void listingWithApi1CredentialsIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> harness.api1().siemBatch().list(SiemBatchQuery.allTypes()))
        .isInstanceOf(IllegalStateException.class);
  }
}
