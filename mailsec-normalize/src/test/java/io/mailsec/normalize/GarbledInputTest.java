package io.mailsec.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.QuarantinedRecord;
import io.mailsec.core.schema.SchemaRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Feeds mutated golden inputs and random text to every data type and API version: the normalizer
 * must never throw, must account for every record (an event or a quarantined record, except for a
 * STIX bundle that holds no indicator), must keep the raw text of what it quarantines, and every
 * event it emits must fit its schema. Seeded, so failures reproduce.
 */
class GarbledInputTest {
  private static final String NASTY =
      "{}[]\",:|=\\\n\r\t\u0000<>@'\u00e9\u4e2d\ud83d\ude00 0123456789";
  private final MimecastNormalizer normalizer = new MimecastNormalizer();
  private final SchemaRegistry registry = SchemaRegistry.standard();

  private static List<NormalizationContext> contexts() {
    List<NormalizationContext> contexts = new ArrayList<>();
    Instant now = Instant.parse("2024-11-14T12:00:00Z");
    for (DataType type : DataType.values()) {
      for (ApiVersion version : ApiVersion.values()) {
        contexts.add(
            NormalizationContext.builder("t1", "int1", type)
                .apiVersion(version)
                .siemFileType(version == ApiVersion.V1_0 ? "receipt" : null)
                .feedType("malware_grid")
                .ingestTime(now)
                .internalDomains(java.util.Set.of("mimecast.com"))
                .internalNetworks(List.of(Cidr.parse("10.0.0.0/8")))
                .build());
      }
    }
    return contexts;
  }

  private static List<String> seeds() {
    List<String> seeds = new ArrayList<>();
    for (GoldenFiles.Case c : GoldenFiles.cases()) {
      seeds.add(GoldenFiles.read(c.input()));
    }
    return seeds;
  }

  private static String mutate(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      int pos = s.length() == 0 ? 0 : random.nextInt(s.length());
      char c = NASTY.charAt(random.nextInt(NASTY.length()));
      switch (random.nextInt(5)) {
        case 0 -> s.setLength(pos); // truncate
        case 1 -> {
          if (s.length() > 0) {
            s.deleteCharAt(pos);
          }
        }
        case 2 -> s.insert(pos, c);
        case 3 -> {
          if (s.length() > 0) {
            s.setCharAt(pos, c);
          }
        }
        default -> s.insert(pos, s.substring(pos, Math.min(s.length(), pos + random.nextInt(20))));
      }
    }
    return s.toString();
  }

  private static String randomText(Random random) {
    StringBuilder s = new StringBuilder();
    int length = random.nextInt(200);
    for (int i = 0; i < length; i++) {
      s.append(
          random.nextInt(3) == 0
              ? (char) random.nextInt(0x3000)
              : NASTY.charAt(random.nextInt(NASTY.length())));
    }
    return s.toString();
  }

  @Test
  void garbledRecordsNeverThrowAndAreAlwaysAccountedFor() {
    Random random = new Random(20241114);
    List<String> seeds = seeds();
    List<NormalizationContext> contexts = contexts();
    for (int i = 0; i < 6000; i++) {
      String input =
          i % 5 == 0 ? randomText(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
      NormalizationContext ctx = contexts.get(random.nextInt(contexts.size()));
      check(input, ctx, normalizer.normalize(input, ctx));
      if (ctx.dataType() == DataType.THREAT_INTEL) {
        String header =
            "Timestamp|SenderAddress|FileName|FileMimeType|FileSize|MD5|SHA256|SendingIP";
        check(input, ctx, normalizer.normalizeCsvRow(mutate(header, random), input, ctx));
      }
    }
  }

  private void check(String input, NormalizationContext ctx, NormalizationResult result) {
    boolean stix = ctx.dataType() == DataType.THREAT_INTEL && input.stripLeading().startsWith("{");
    if (!stix) {
      assertThat(result.events().size() + result.quarantined().size()).as(input).isEqualTo(1);
    }
    for (Event e : result.events()) {
      assertThat(registry.validate(e)).as(input).isEmpty();
    }
    for (QuarantinedRecord q : result.quarantined()) {
      assertThat(q.reason()).isNotBlank();
      assertThat(q.reason())
          .as("a normalizer bug surfaced on %s", input)
          .doesNotStartWith("normalizer failure");
      if (!stix && ctx.dataType() != DataType.THREAT_INTEL) {
        assertThat(q.raw()).isEqualTo(input);
      }
    }
  }
}
