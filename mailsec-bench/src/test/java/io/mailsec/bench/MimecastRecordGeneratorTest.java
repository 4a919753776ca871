package io.mailsec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mailsec.bench.MimecastRecordGenerator.Profile;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The standard profile must keep producing the records the ingest and query benchmarks (and their
 * stores on disk) were built from; the diverse profile must spread domains and URL hosts wide.
 */
class MimecastRecordGeneratorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void standardProfileIsUnchanged() throws Exception {
    // Digest of the first 20,000 records of seed 42 as generated before the profiles existed.
    MimecastRecordGenerator generator = new MimecastRecordGenerator(42);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (int i = 0; i < 20_000; i++) {
      MimecastRecordGenerator.RawRecord r = generator.next();
      digest.update(r.json().getBytes(StandardCharsets.UTF_8));
      digest.update((byte) (r.ttpUrl() ? 1 : 0));
    }

    assertThat(HexFormat.of().formatHex(digest.digest()))
        .isEqualTo("be438457b9fa71e6bd94ef6173218125c5923047858fe6b0188bd3aca835f307");
  }

  @Test
  void diverseProfileHasLongTailsOfSenderDomainsAndUrlHosts() throws Exception {
    Map<String, Integer> senderDomains = new HashMap<>();
    Map<String, Integer> urlHosts = new HashMap<>();
    MimecastRecordGenerator generator = new MimecastRecordGenerator(7, Profile.DIVERSE);
    int records = 40_000;
    for (int i = 0; i < records; i++) {
      MimecastRecordGenerator.RawRecord r = generator.next();
      JsonNode node = JSON.readTree(r.json());
      String sender =
          (r.ttpUrl() ? node.get("fromUserEmailAddress") : node.get("senderEnvelope")).asText();
      senderDomains.merge(sender.substring(sender.indexOf('@') + 1), 1, Integer::sum);
      if (r.ttpUrl()) {
        urlHosts.merge(
            URI.create(node.get("url").asText()).getHost().toLowerCase(Locale.ROOT),
            1,
            Integer::sum);
      }
    }
    int urls = urlHosts.values().stream().mapToInt(Integer::intValue).sum();

    // Zipf over 50,000 domains: about a third of 40,000 draws are distinct, the top one ~9 %.
    assertThat(senderDomains).hasSizeGreaterThan(8_000);
    assertThat(max(senderDomains)).isBetween(records / 20, records / 7);
    // About 10,000 URLs over 200,000 hosts: most hosts appear once, the top one ~8 %.
    assertThat(urlHosts).hasSizeGreaterThan(urls / 3);
    assertThat(max(urlHosts)).isLessThan(urls / 7);
    assertThat(urlHosts.keySet()).doesNotContainAnyElementsOf(senderDomains.keySet());
  }

  private static int max(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
  }
}
