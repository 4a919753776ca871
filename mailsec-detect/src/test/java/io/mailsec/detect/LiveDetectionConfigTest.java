package io.mailsec.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mailsec.core.event.Event;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.StoreBatch;
import io.mailsec.detect.StreamSilenceDetector.StreamStatus;
import io.mailsec.detect.rule.RuleException;
import io.mailsec.store.lucene.LuceneEventStore;
import io.mailsec.store.lucene.LuceneStoreConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * detection.yaml changed while detection runs: lists, silence and webhook apply without restart.
 */
class LiveDetectionConfigTest {
  private static final Instant T0 = Instant.parse("2026-02-02T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(T0.plus(Duration.ofHours(1)), ZoneOffset.UTC);
  private static final String FINANCE =
      "id: test-finance\nname: Mail to finance\nseverity: medium\n"
          + "query: FROM email WHERE to_email_address IN $finance_recipients\n"
          + "group_by: [message_id]\n";
  private static final String VIRUS =
      "id: test-virus\nname: Virus seen\nseverity: high\n"
          + "query: FROM email WHERE threats.classification = 'virus'\n"
          + "group_by: [message_id]\nsuppress_for: 1h\n";
  private static final String WATCHED =
      "id: test-watched\nname: Watched sender\nseverity: low\n"
          + "query: FROM email WHERE envelope_from IN $watched_senders\n";

  @TempDir Path dir;
  private Path data;
  private EventStore store;
  private int checkpoints;

  @BeforeEach
  void open() throws IOException {
    data = dir.resolve("data");
    Files.createDirectories(data.resolve(Detection.RULES_DIR));
    store =
        LuceneEventStore.open(LuceneStoreConfig.defaults(dir.resolve("store")).withClock(CLOCK));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Replaces a file as editors and the server do: a new file renamed over the old one. */
  private void write(String relative, String text) throws IOException {
    Path file = data.resolve(relative);
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void commit(Detection detection, Event... events) {
    detection
        .collectingStore()
        .commit(
            StoreBatch.of(
                TestEvents.SIEM,
                List.of(events),
                Checkpoint.of("n", String.valueOf(++checkpoints))));
  }

  private static Event mailTo(String id, Instant time, String messageId, String recipient) {
    return TestEvents.base("email", id, time, "receipt", "siem")
        .put("message_id", messageId)
        .put("envelope_from", "sender@partner.example")
        .put("status", "accepted")
        .add("to_email_address", recipient)
        .build();
  }

  private List<Event> alerts(String ruleId) {
    return TestEvents.alertsOf(store, ruleId);
  }

  private List<Object> groupKeys(String ruleId) {
    return alerts(ruleId).stream().map(a -> (Object) a.string("group_key").orElse("")).toList();
  }

  @Test
  void aRecipientAddedToAListFiresTheRuleOnTheNextCommitAndOnlyRulesUsingTheListStartFresh()
      throws IOException {
    write("detection.yaml", "lists:\n  finance_recipients: [ap@corp.example]\n");
    write("rules/test-finance.yaml", FINANCE);
    write("rules/test-virus.yaml", VIRUS);
    try (Detection detection = Detection.start(data, store, CLOCK)) {
      commit(
          detection,
          mailTo("m1", T0, "<f1>", "ap@corp.example"),
          mailTo("m2", T0, "<f2>", "cfo@corp.example"),
          TestEvents.virus("v1", T0, "<v1>"));
      assertThat(groupKeys("test-finance")).containsExactly("<f1>");
      assertThat(alerts("test-virus")).hasSize(1);

      write(
          "detection.yaml", "lists:\n  finance_recipients: [ap@corp.example, CFO@corp.example]\n");
      commit(
          detection,
          mailTo("m3", T0.plusSeconds(60), "<f2>", "cfo@corp.example"),
          mailTo("m4", T0.plusSeconds(60), "<f1>", "ap@corp.example"),
          TestEvents.virus("v2", T0.plusSeconds(60), "<v1>"));

      assertThat(detection.engine().config().list("finance_recipients").orElseThrow())
          .containsExactly("ap@corp.example", "cfo@corp.example");
      assertThat(alerts("test-finance"))
          .filteredOn(a -> a.string("group_key").orElse("").equals("<f2>"))
          .singleElement()
          .satisfies(a -> assertThat(a.get("matched_event_ids")).containsExactly("m3"));
      // The list changed the rule's query, so its open alert for <f1> was forgotten.
      assertThat(alerts("test-finance"))
          .filteredOn(a -> a.string("group_key").orElse("").equals("<f1>"))
          .hasSize(2);
      // The virus rule does not use the list: its next match folds into the same alert.
      assertThat(alerts("test-virus"))
          .singleElement()
          .satisfies(a -> assertThat(a.get("matched_event_ids")).containsExactly("v1", "v2"));
    }
  }

  @Test
  void anUnusableDetectionYamlKeepsThePreviousConfigAndRulesUntilItIsFixed() throws IOException {
    write("detection.yaml", "lists:\n  finance_recipients: [cfo@corp.example]\n");
    write("rules/test-finance.yaml", FINANCE);
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    Logger log = (Logger) LoggerFactory.getLogger(RuleFiles.class);
    warnings.start();
    log.addAppender(warnings);
    try (Detection detection = Detection.start(data, store, CLOCK)) {
      DetectionConfig before = detection.engine().config();
      List<String> broken =
          List.of(
              "lists: [\n",
              "stream_silence_after: banana\n",
              "stream_silence_after: 0s\n",
              "stream_silence_after: 90\n",
              "lists:\n  Finance-Team: [a@corp.example]\n",
              "webhook:\n  url: ftp://hooks.example/x\n",
              "webhok:\n  url: https://hooks.example/x\n",
              "webhook:\n  url: https://hooks.example/x\n  token: abc\n",
              "webhook:\n  url: https://hooks.example/x\n  token_file: secrets/hook\n",
              "webhook:\n  url: https://hooks.example/x\n  token_env: T\n  token_file: /run/t\n",
              "lists:\n  finance_recipients: [ap@corp.example]\n");
      int mails = 0;
      for (String yaml : broken) {
        write("detection.yaml", yaml);
        // A rule file changed together with the config is not taken either.
        write("rules/test-virus.yaml", VIRUS.replace("Virus seen", "Virus " + mails));
        if (yaml.contains("ap@corp.example")) {
          write("rules/test-watched.yaml", WATCHED);
        }
        int alertsBefore = alerts("test-finance").size();
        for (int i = 0; i < 2; i++, mails++) {
          Instant t = T0.plusSeconds(60L * mails);
          commit(
              detection,
              mailTo("m" + mails, t, "<f" + mails + ">", "cfo@corp.example"),
              TestEvents.virus("v" + mails, t, "<v" + mails + ">"));
        }
        assertThat(alerts("test-finance")).as(yaml).hasSize(alertsBefore + 2);
        assertThat(alerts("test-virus")).as(yaml).isEmpty();
        assertThat(detection.engine().config()).as(yaml).isEqualTo(before);
        assertThat(detection.ruleFiles().loadProblem())
            .as(yaml)
            .get()
            .asString()
            .contains(yaml.contains("ap@") ? "test-watched.yaml" : "detection.yaml");
        assertThatThrownBy(detection::reloadRules)
            .as(yaml)
            .isInstanceOf(RuleException.class)
            .hasMessageContaining(yaml.contains("ap@") ? "watched_senders" : "detection.yaml");
      }
      List<ILoggingEvent> warned =
          warnings.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
      assertThat(warned).as("one warning per unusable version").hasSize(broken.size());

      write(
          "detection.yaml",
          "lists:\n  finance_recipients: [ap@corp.example]\n  watched_senders: [x@bad.example]\n");
      assertThat(detection.reloadRules().get("test-watched")).isPresent();
      assertThat(detection.ruleFiles().loadProblem()).isEmpty();
      assertThat(detection.engine().config().list("watched_senders").orElseThrow())
          .containsExactly("x@bad.example");
      Instant t = T0.plus(Duration.ofHours(2));
      commit(
          detection,
          mailTo("late-cfo", t, "<late-cfo>", "cfo@corp.example"),
          TestEvents.virus("late-virus", t, "<late-virus>"));
      assertThat(groupKeys("test-finance")).doesNotContain("<late-cfo>");
      assertThat(groupKeys("test-virus")).containsExactly("<late-virus>");
      assertThat(alerts("test-watched")).hasSize(1);
    } finally {
      log.detachAppender(warnings);
    }
  }

  @Test
  void aChangedSilenceIsUsedByTheNextHealthCheck() throws IOException {
    AtomicReference<Instant> now = new AtomicReference<>(T0.plus(Duration.ofMinutes(90)));
    Clock clock =
        new Clock() {
          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    write("detection.yaml", "stream_silence_after: 2h\n");
    StreamStatus quiet = new StreamStatus(TestEvents.SIEM, "tenant-1", T0, null);
    try (Detection detection = Detection.start(data, store, clock)) {
      detection.engine().reportStreams(List.of(quiet));
      assertThat(alerts(StreamSilenceDetector.RULE_ID)).isEmpty();

      write("detection.yaml", "stream_silence_after: 1h\n");
      detection.engine().reportStreams(List.of(quiet));
      assertThat(alerts(StreamSilenceDetector.RULE_ID))
          .singleElement()
          .satisfies(
              a -> {
                assertThat(a.string("status")).contains("open");
                assertThat(a.string("description").orElseThrow()).contains("more than 1h");
              });

      // A longer silence does not resolve the open alert: no data came.
      write("detection.yaml", "stream_silence_after: 3h\n");
      detection.engine().reportStreams(List.of(quiet));
      assertThat(detection.engine().config().streamSilenceAfter()).isEqualTo(Duration.ofHours(3));
      assertThat(alerts(StreamSilenceDetector.RULE_ID))
          .singleElement()
          .satisfies(a -> assertThat(a.string("status")).contains("open"));

      now.set(T0.plus(Duration.ofHours(2)));
      detection
          .engine()
          .reportStreams(List.of(new StreamStatus(TestEvents.SIEM, "tenant-1", now.get(), null)));
      assertThat(alerts(StreamSilenceDetector.RULE_ID))
          .singleElement()
          .satisfies(a -> assertThat(a.string("status")).contains("resolved"));
    }
  }

  /** A loopback webhook receiver: the group keys of test-virus alerts posted to each path. */
  private static final class Receiver implements AutoCloseable {
    final HttpServer server;
    final ExecutorService threads = Executors.newCachedThreadPool();
    final Map<String, BlockingQueue<String>> received = new ConcurrentHashMap<>();
    final Map<String, BlockingQueue<String>> auth = new ConcurrentHashMap<>();
    final CountDownLatch releaseA = new CountDownLatch(1);
    volatile boolean holdA;

    Receiver() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(threads);
      for (String path : List.of("/a", "/b")) {
        received.put(path, new LinkedBlockingQueue<>());
        auth.put(path, new LinkedBlockingQueue<>());
        server.createContext(
            path,
            exchange -> {
              try {
                if (path.equals("/a") && holdA) {
                  releaseA.await(20, TimeUnit.SECONDS);
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              String body =
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
              JsonNode alert = new ObjectMapper().readTree(body).path("alert");
              // Built-in rules match the test events too; only the test rule's alerts count.
              if (alert.path("rule_id").asText().equals("test-virus")) {
                auth.get(path)
                    .add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                received.get(path).add(alert.path("group_key").asText());
              }
              exchange.sendResponseHeaders(204, -1);
              exchange.close();
            });
      }
      server.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Waits for the next alert posted to {@code path}; null when none came. */
    String next(String path) throws InterruptedException {
      return received.get(path).poll(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      releaseA.countDown();
      server.stop(0);
      threads.shutdownNow();
    }
  }

  @Test
  void theWebhookFollowsTheConfigForEachNextNewAlert() throws Exception {
    write("rules/test-virus.yaml", VIRUS);
    Map<String, String> env = Map.of("HOOK_B_TOKEN", "tok-b");
    try (Receiver hooks = new Receiver()) {
      try (Detection detection = Detection.start(data, store, CLOCK, env::get)) {
        commit(detection, TestEvents.virus("v1", T0, "<m1>"));

        write("detection.yaml", "webhook:\n  url: " + hooks.url("/a") + "\n");
        commit(detection, TestEvents.virus("v2", T0, "<m2>"));
        assertThat(hooks.next("/a")).isEqualTo("<m2>");

        write(
            "detection.yaml",
            "webhook:\n  url: " + hooks.url("/b") + "\n  token_env: HOOK_B_TOKEN\n");
        commit(detection, TestEvents.virus("v3", T0, "<m3>"));
        assertThat(hooks.next("/b")).isEqualTo("<m3>");

        write("detection.yaml", "lists:\n  internal_domains: [corp.example]\n");
        commit(detection, TestEvents.virus("v4", T0, "<m4>"));

        write("detection.yaml", "webhook:\n  url: " + hooks.url("/a") + "\n");
        commit(detection, TestEvents.virus("v5", T0, "<m5>"));
        assertThat(hooks.next("/a")).isEqualTo("<m5>");
      }
      assertThat(groupKeys("test-virus"))
          .containsExactlyInAnyOrder("<m1>", "<m2>", "<m3>", "<m4>", "<m5>");
      // Closed detection waited for every queue: nothing else was posted anywhere.
      assertThat(hooks.received.get("/a")).isEmpty();
      assertThat(hooks.received.get("/b")).isEmpty();
      assertThat(hooks.auth.get("/a")).containsOnly("null");
      assertThat(hooks.auth.get("/b")).containsExactly("Bearer tok-b");
    }
  }

  @Test
  void aTokenFileIsReadForEachPostSoReplacingItRotatesTheToken() throws Exception {
    write("rules/test-virus.yaml", VIRUS);
    Path token = dir.resolve("webhook-token");
    Files.writeString(token, "tok-1\n");
    try (Receiver hooks = new Receiver()) {
      write(
          "detection.yaml",
          "webhook:\n  url: "
              + hooks.url("/a")
              + "\n  token_file: "
              + token.toAbsolutePath()
              + "\n");
      try (Detection detection = Detection.start(data, store, CLOCK)) {
        commit(detection, TestEvents.virus("v1", T0, "<m1>"));
        assertThat(hooks.next("/a")).isEqualTo("<m1>");

        Path replacement = dir.resolve("webhook-token.new");
        Files.writeString(replacement, "tok-2");
        Files.move(replacement, token, StandardCopyOption.REPLACE_EXISTING);
        commit(detection, TestEvents.virus("v2", T0, "<m2>"));
        assertThat(hooks.next("/a")).isEqualTo("<m2>");
      }
      assertThat(hooks.auth.get("/a")).containsExactly("Bearer tok-1", "Bearer tok-2");
    }
  }

  @Test
  void notificationsQueuedForTheOldWebhookAreStillDeliveredThere() throws Exception {
    write("rules/test-virus.yaml", VIRUS);
    try (Receiver hooks = new Receiver()) {
      hooks.holdA = true;
      write("detection.yaml", "webhook:\n  url: " + hooks.url("/a") + "\n");
      try (Detection detection = Detection.start(data, store, CLOCK)) {
        commit(detection, TestEvents.virus("v1", T0, "<m1>"));
        commit(detection, TestEvents.virus("v2", T0, "<m2>"));

        write("detection.yaml", "webhook:\n  url: " + hooks.url("/b") + "\n");
        commit(detection, TestEvents.virus("v3", T0, "<m3>"));
        assertThat(hooks.next("/b")).isEqualTo("<m3>");
        assertThat(hooks.received.get("/a")).isEmpty();
        hooks.releaseA.countDown();
      }
      assertThat(hooks.received.get("/a")).containsExactly("<m1>", "<m2>");
      assertThat(hooks.received.get("/b")).isEmpty();
    }
  }
}
