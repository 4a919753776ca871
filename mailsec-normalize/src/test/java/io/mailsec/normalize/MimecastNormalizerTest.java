package io.mailsec.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.QuarantinedRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MimecastNormalizerTest {
  private static final Instant NOW = Instant.parse("2024-11-14T12:00:00Z");
  private final MimecastNormalizer normalizer = new MimecastNormalizer();

  private static NormalizationContext ctx(DataType type) {
    return NormalizationContext.builder("t1", "int1", type)
        .ingestTime(NOW)
        .origin("file.json")
        .build();
  }

  @Test
  void nullAndBlankInputAreQuarantinedNotThrown() {
    for (DataType type : DataType.values()) {
      NormalizationResult r = normalizer.normalize(null, ctx(type));
      assertThat(r.events()).isEmpty();
      assertThat(r.quarantined())
          .singleElement()
          .satisfies(
              q -> {
                assertThat(q.reason()).isEqualTo("empty record");
                assertThat(q.raw()).isEmpty();
                assertThat(q.dataType()).isEqualTo(type.wireName());
                assertThat(q.origin()).isEqualTo("file.json");
                assertThat(q.time()).isEqualTo(NOW);
              });
    }
  }

  @Test
  void csvRowsNeedAHeaderAndKeepItInTheQuarantinedRawText() {
    NormalizationContext c = ctx(DataType.THREAT_INTEL);
    QuarantinedRecord q =
        normalizer.normalizeCsvRow("", "2021-10-15T10:00:01+0000|x", c).quarantined().get(0);
    assertThat(q.reason()).isEqualTo("CSV row without a header row");
    QuarantinedRecord mismatch =
        normalizer.normalizeCsvRow("A|B\r\n", "1|2|3", c).quarantined().get(0);
    assertThat(mismatch.raw()).isEqualTo("A|B\n1|2|3");
    assertThat(normalizer.normalizeCsvRow(null, null, c).quarantined()).hasSize(1);
  }

  @Test
  void siemFileTypeComesFromTheFileName() {
    assertThat(NormalizationContext.siemFileTypeOf("receipt_20211018093329655.json"))
        .isEqualTo("receipt");
    assertThat(NormalizationContext.siemFileTypeOf("ttp_url_20211129153015541.json"))
        .isEqualTo("ttp_url");
    assertThat(NormalizationContext.siemFileTypeOf("spameventthread_20191125134532478.log"))
        .isEqualTo("spameventthread");
    assertThat(NormalizationContext.siemFileTypeOf("JRNL_2019.log")).isEqualTo("jrnl");
    assertThat(NormalizationContext.siemFileTypeOf("readme.txt")).isNull();
  }

  @Test
  void jsonAndKeyValueFormsOfTheSameApi10RecordGetTheSameId() {
    NormalizationContext c =
        NormalizationContext.builder("t1", "int1", DataType.SIEM)
            .apiVersion(ApiVersion.V1_0)
            .siemFileType("delivery")
            .ingestTime(NOW)
            .build();
    Event json =
        normalizer
            .normalize(
                "{\"datetime\":\"2019-11-25T13:45:02+0200\",\"aCode\":\"abc\",\"Delivered\":true,"
                    + "\"AttCnt\":0,\"Rcpt\":\"a@b.example\"}",
                c)
            .events()
            .get(0);
    Event kv =
        normalizer
            .normalize(
                "datetime=2019-11-25T13:45:02+0200|aCode=abc|Delivered=true|AttCnt=0|Rcpt=a@b.example",
                c)
            .events()
            .get(0);
    assertThat(kv.id()).isEqualTo(json.id());
    assertThat(kv.get("delivered")).isEqualTo(json.get("delivered"));
  }

  @Test
  void stixEventsThatBreakTheSchemaAreQuarantinedWithTheirOriginalData() {
    // A CIDR is a valid STIX ipv4-addr value; it stays the indicator value but never lands in
    // the ip-typed network_ip column, so the event stays valid.
    String bundle =
        "{\"type\":\"bundle\",\"objects\":[{\"type\":\"indicator\",\"id\":\"indicator--1\","
            + "\"pattern\":\"[ipv4-addr:value = '198.51.100.0/24']\","
            + "\"valid_from\":\"2024-01-01T00:00:00Z\"}]}";
    NormalizationResult r = normalizer.normalize(bundle, ctx(DataType.THREAT_INTEL));
    assertThat(r.quarantined()).isEmpty();
    Event e = r.events().get(0);
    assertThat(e.get("indicator_value")).containsExactly("198.51.100.0/24");
    assertThat(e.get("network_ip")).isEmpty();
  }

  @Test
  void resultsCombine() {
    NormalizationResult a = normalizer.normalize("", ctx(DataType.AUDIT));
    NormalizationResult b = normalizer.normalize("x", ctx(DataType.AUDIT));
    assertThat(a.plus(b).quarantined()).hasSize(2);
    assertThat(a.plus(b).events()).isEqualTo(List.of());
  }
}
