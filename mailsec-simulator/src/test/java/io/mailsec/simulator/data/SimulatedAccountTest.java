package io.mailsec.simulator.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SimulatedAccountTest {
  private static final Instant NOW = Instant.parse("2024-11-13T12:07:30Z");
  private final SimulatedAccount account = new SimulatedAccount(7, 1_000, Duration.ofDays(1));

  private List<GeneratedMessage> lastDay() {
    return account.messagesReceived(NOW.minus(Duration.ofDays(1)), NOW);
  }

  @Test
  void dailyVolumeFollowsMessagesPerDay() {
    assertThat(lastDay().size()).isBetween(850, 1_150);
  }

  @Test
  void theSameSeedGivesTheSameMessagesAndAnotherSeedOthers() {
    long slot = Math.floorDiv(NOW.toEpochMilli(), SimulatedAccount.SLOT.toMillis()) - 3;
    SimulatedAccount twin = new SimulatedAccount(7, 1_000, Duration.ofDays(1));
    SimulatedAccount other = new SimulatedAccount(8, 1_000, Duration.ofDays(1));

    assertThat(twin.messagesInSlot(slot)).isEqualTo(account.messagesInSlot(slot)).isNotEmpty();
    assertThat(other.messagesInSlot(slot)).isNotEqualTo(account.messagesInSlot(slot));
  }

  @Test
  void rowsOfAMessageShareItsIdentityAndFollowItsReceipt() {
    for (GeneratedMessage message : lastDay()) {
      Email email = message.email();
      assertThat(message.siemEvents())
          .allSatisfy(
              e -> {
                assertThat(e.email()).isSameAs(email);
                assertThat(e.time())
                    .isAfterOrEqualTo(email.receivedAt())
                    .isBefore(email.receivedAt().plus(MessageFactory.MAX_RECORD_LAG));
              });
      assertThat(message.clicks()).allSatisfy(c -> assertThat(c.email()).isSameAs(email));
      assertThat(message.siemEvents()).extracting(SiemEvent::type).contains(SiemType.RECEIPT);
      Map<SiemType, Long> counts =
          message.siemEvents().stream()
              .collect(Collectors.groupingBy(SiemEvent::type, Collectors.counting()));
      if (counts.containsKey(SiemType.DELIVERY)) {
        assertThat(counts).containsKey(SiemType.PROCESS);
      }
    }
  }

  @Test
  void identifiersAndNaturalKeysAreUnique() {
    List<GeneratedMessage> messages = lastDay();
    assertUnique(messages, m -> m.email().aggregateId());
    assertUnique(messages, m -> m.email().messageId());
    List<SiemEvent> events = account.availableSiemEvents(NOW);
    assertThat(events.stream().map(SiemEvent::id)).doesNotHaveDuplicates();
    assertThat(events.stream().map(SiemEvent::groundTruthKey)).doesNotHaveDuplicates();
    assertThat(
            account.clicks(NOW.minus(Duration.ofDays(1)), NOW, NOW).stream()
                .map(UrlClick::groundTruthKey))
        .doesNotHaveDuplicates();
    for (FeedType feed : FeedType.values()) {
      assertThat(
              account.availableIndicators(feed, NOW).stream().map(ThreatIndicator::groundTruthKey))
          .doesNotHaveDuplicates();
    }
  }

  @Test
  void aggregateIdsNeverLookSuffixed() {
    assertThat(lastDay())
        .extracting(m -> m.email().aggregateId())
        .noneMatch(id -> id.matches(".*_\\d{10}"));
  }

  @Test
  void processingIdsAreSharedBetweenRows() {
    List<String> ids =
        account.availableSiemEvents(NOW).stream().map(SiemEvent::processingId).toList();
    assertThat(new HashSet<>(ids).size()).isLessThan(ids.size());
  }

  @Test
  void trafficContainsEveryKindOfVerdict() {
    List<SiemEvent> events = new ArrayList<>();
    SimulatedAccount busy = new SimulatedAccount(7, 5_000, Duration.ofDays(1));
    events.addAll(busy.availableSiemEvents(NOW));
    Set<SiemType> types = events.stream().map(SiemEvent::type).collect(Collectors.toSet());
    assertThat(types).containsExactlyInAnyOrder(SiemType.values());
    assertThat(events)
        .anySatisfy(
            e ->
                assertThat(e.detail())
                    .isInstanceOf(SiemDetail.Delivery.class)
                    .matches(d -> ((SiemDetail.Delivery) d).attempt() == 2));
  }

  @Test
  void nothingIsAvailableBeforeItsTimeOrPublication() {
    Instant later = NOW.plus(Duration.ofMinutes(30));
    assertThat(account.availableSiemEvents(NOW))
        .allSatisfy(e -> assertThat(e.time()).isBefore(Instant.parse("2024-11-13T12:00:00Z")));
    assertThat(account.clicks(NOW.minus(Duration.ofDays(1)), later, NOW))
        .allSatisfy(c -> assertThat(c.date()).isBeforeOrEqualTo(NOW));
    assertThat(account.auditEvents(NOW.minus(Duration.ofDays(90)), NOW, NOW))
        .allSatisfy(
            a ->
                assertThat(a.eventTime())
                    .isAfterOrEqualTo(NOW.minus(SimulatedAccount.AUDIT_RETENTION)));
  }

  private static <T> void assertUnique(
      List<GeneratedMessage> messages, Function<GeneratedMessage, T> field) {
    assertThat(messages.stream().map(field)).doesNotHaveDuplicates();
  }
}
