package io.mailsec.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The streaming reader and the fast instant parser agree with the tree reader and the JDK. */
class EventJsonFastPathTest {
  private static final TimestampFields TIMES =
      (schema, path) -> path.equals("event_time") || path.endsWith(".time");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void fastInstantParsingEqualsInstantParseOnWrittenInstants() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      long seconds = random.nextLong(-62_000_000_000L, 253_000_000_000L); // years 0 to 9999
      int nanos = random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000);
      if (random.nextBoolean()) {
        nanos = nanos / 1_000_000 * 1_000_000;
      }
      String text = EventJson.formatInstant(Instant.ofEpochSecond(seconds, nanos));
      if (text.length() < 20 || text.charAt(0) == '+' || text.charAt(0) == '-') {
        continue;
      }
      assertThat(EventJson.parseUtcInstant(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  @Test
  void fastInstantParsingGivesWayOnAnythingElse() {
    SplittableRandom random = new SplittableRandom(11);
    String alphabet = "0123456789-T:.Z+ x";
    String base = "2024-02-29T23:59:59.123456789Z";
    for (int i = 0; i < 50_000; i++) {
      StringBuilder text = new StringBuilder(base.substring(0, 20 + random.nextInt(11)));
      for (int k = random.nextInt(1, 4); k > 0; k--) {
        int at = random.nextInt(text.length());
        text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = text.toString();
      Instant fast = EventJson.parseUtcInstant(s);
      Instant jdk;
      try {
        jdk = Instant.parse(s);
      } catch (DateTimeException e) {
        jdk = null;
      }
      if (fast != null) {
        assertThat(fast).as(s).isEqualTo(jdk);
      }
    }
    assertThat(EventJson.parseUtcInstant("2023-02-29T00:00:00Z")).isNull();
    assertThat(EventJson.parseUtcInstant("2016-12-31T23:59:60Z")).isNull();
  }

  @Test
  void streamingReaderEqualsTreeReaderOnRandomEvents() throws Exception {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 2_000; i++) {
      Event event = Event.of("email", randomObject(random, "", 0));
      String json = EventJson.write(event);
      Event streamed = StreamingEventReader.readOrNull(json, TIMES);
      assertThat(streamed).as(json).isNotNull();
      assertThat(streamed).isEqualTo(EventJson.fromTree(MAPPER.readTree(json), TIMES));
      assertThat(streamed).isEqualTo(event);
    }
  }

  @Test
  void streamingReaderLeavesOtherFormsToTheTreeReader() {
    assertThat(StreamingEventReader.readOrNull("{\"fields\":{},\"schema\":\"e\"}", TIMES)).isNull();
    assertThat(StreamingEventReader.readOrNull("{\"schema\":\"e\",\"fields\":{\"n\":1e999", TIMES))
        .isNull();
    assertThat(
            StreamingEventReader.readOrNull(
                "{\"schema\":\"e\",\"fields\":{\"n\":123456789012345678901234567890}}", TIMES))
        .isNull();
    assertThat(
            EventJson.read(
                    "{\"fields\":{\"event_time\":\"2021-10-18T08:02:43Z\"},\"schema\":\"e\"}",
                    TIMES)
                .fields())
        .containsEntry("event_time", Instant.parse("2021-10-18T08:02:43Z"));
  }

  private static Map<String, Object> randomObject(SplittableRandom random, String path, int depth) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int k = random.nextInt(1, 6); k > 0; k--) {
      String key = "k" + random.nextInt(8);
      String child = path.isEmpty() ? key : path + "." + key;
      if (path.isEmpty() && random.nextInt(6) == 0) {
        map.put("event_time", randomInstant(random));
      } else if (!path.isEmpty() && random.nextInt(4) == 0) {
        map.put("time", randomInstant(random)); // a nested timestamp path
      } else if (random.nextInt(5) == 0) {
        List<Object> list = new ArrayList<>();
        for (int j = random.nextInt(1, 4); j > 0; j--) {
          list.add(
              depth < 2 && random.nextBoolean()
                  ? randomObject(random, child, depth + 1)
                  : randomScalar(random));
        }
        map.put(key, list);
      } else if (depth < 2 && random.nextInt(4) == 0) {
        map.put(key, randomObject(random, child, depth + 1));
      } else {
        map.put(key, randomScalar(random));
      }
    }
    return map;
  }

  private static Object randomScalar(SplittableRandom random) {
    return switch (random.nextInt(5)) {
      case 0 -> "s\u00e9\"\\" + random.nextInt(1000);
      case 1 -> random.nextLong();
      case 2 -> random.nextInt(3) == 0 ? (double) random.nextInt(100) : random.nextDouble() * 1e6;
      case 3 -> random.nextBoolean();
      default -> "";
    };
  }

  private static Instant randomInstant(SplittableRandom random) {
    return Instant.ofEpochSecond(
        random.nextLong(0, 4_000_000_000L),
        random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
  }
}
