package io.mailsec.detect;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.And;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.In;
import io.mailsec.core.query.Operator;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.EventQuery;
import io.mailsec.core.store.EventStore;
import io.mailsec.core.store.SearchRequest;
import io.mailsec.core.store.SearchResult;
import io.mailsec.detect.alert.AlertSpec;
import io.mailsec.detect.rule.Severity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * "Malicious verdict but the message was delivered or released": Mimecast logs the verdict (AV,
 * attachment protect, URL protect row, TTP attachment log) and the delivery as different rows of
 * one message, possibly in different batches or streams. For each batch this pairs new verdict rows
 * with delivered rows ({@code delivered = true}) of the same {@code message_id}, from the batch or
 * from the store (two queries per batch), and raises one alert per message.
 */
final class DeliveredThreatDetector {
  static final String RULE_ID = "malicious-message-delivered";
  static final List<Object> MALICIOUS = List.of("virus", "malicious_url", "malicious_attachment");
  static final AlertSpec SPEC =
      new AlertSpec(
          RULE_ID,
          "Malicious verdict but the message was delivered or released",
          "Mimecast judged the message malicious (virus, malicious attachment or URL), yet a"
              + " delivery row shows it reached the mailbox: the policy let it through or someone"
              + " released it from the hold queue. Remove the message from the mailbox, check"
              + " whether the recipient opened the attachment or clicked, and review the policy"
              + " or release.",
          Severity.CRITICAL,
          85,
          List.of("T1566", "T1204"),
          List.of("mailsec", "delivery", "malware", "correlation"),
          "correlation",
          true);
  static final Duration SUPPRESS = Duration.ofDays(7);

  private DeliveredThreatDetector() {}

  static boolean isVerdict(Event e) {
    return e.schema().equals(SchemaRegistry.EMAIL)
        && e.get("threats.classification").stream().anyMatch(MALICIOUS::contains)
        && e.string("message_id").isPresent();
  }

  static boolean isDelivered(Event e) {
    return e.schema().equals(SchemaRegistry.EMAIL)
        && e.get("delivered").contains(Boolean.TRUE)
        && e.string("message_id").isPresent();
  }

  /** Raises or updates an alert for each message of the fresh events that has both kinds. */
  static void detect(
      List<Event> fresh, EventStore store, Correlator correlator, Correlator.State state) {
    Map<String, List<Event>> verdicts = new LinkedHashMap<>();
    Map<String, List<Event>> deliveries = new LinkedHashMap<>();
    for (Event e : fresh) {
      if (isVerdict(e)) {
        verdicts.computeIfAbsent(key(e), k -> new ArrayList<>()).add(e);
      }
      if (isDelivered(e)) {
        deliveries.computeIfAbsent(key(e), k -> new ArrayList<>()).add(e);
      }
    }
    if (verdicts.isEmpty() && deliveries.isEmpty()) {
      return;
    }
    Map<String, List<Event>> storedDeliveries =
        stored(store, verdicts.keySet(), new Comparison("delivered", Operator.EQ, true));
    Map<String, List<Event>> storedVerdicts =
        stored(store, deliveries.keySet(), new In("threats.classification", MALICIOUS));
    Set<String> messages = new TreeSet<>(verdicts.keySet());
    messages.addAll(deliveries.keySet());
    for (String message : messages) {
      List<Event> v = merge(verdicts.get(message), storedVerdicts.get(message));
      List<Event> d = merge(deliveries.get(message), storedDeliveries.get(message));
      if (v.isEmpty() || d.isEmpty()) {
        continue;
      }
      List<Event> all = new ArrayList<>(v);
      all.addAll(d);
      all.sort(Comparator.comparing(Event::eventTime).thenComparing(Event::id));
      correlator.hit(state, SPEC, message, SUPPRESS, all);
    }
  }

  private static String key(Event e) {
    return e.string("message_id").orElseThrow();
  }

  private static List<Event> merge(List<Event> a, List<Event> b) {
    Map<String, Event> byId = new LinkedHashMap<>();
    if (a != null) {
      a.forEach(e -> byId.put(e.id(), e));
    }
    if (b != null) {
      b.forEach(e -> byId.putIfAbsent(e.id(), e));
    }
    return new ArrayList<>(byId.values());
  }

  private static Map<String, List<Event>> stored(
      EventStore store, Set<String> messageIds, Predicate kind) {
    Map<String, List<Event>> out = new LinkedHashMap<>();
    if (messageIds.isEmpty()) {
      return out;
    }
    List<Object> ids = new ArrayList<>(messageIds);
    for (int from = 0; from < ids.size(); from += 500) {
      List<Object> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
      SearchResult page =
          store.search(
              new SearchRequest(
                  EventQuery.where(new And(List.of(new In("message_id", chunk), kind)))
                      .withSchemas(SchemaRegistry.EMAIL),
                  List.of(),
                  SearchRequest.MAX_LIMIT,
                  null));
      for (Event e : page.events()) {
        out.computeIfAbsent(key(e), k -> new ArrayList<>()).add(e);
      }
    }
    return out;
  }
}
