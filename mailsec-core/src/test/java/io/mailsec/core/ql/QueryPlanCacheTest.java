package io.mailsec.core.ql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Cached planning gives exactly what planning afresh gives, for every {@code now}. */
class QueryPlanCacheTest {
  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  @Test
  void relativeWindowsAreResolvedAgainstEveryCallsNow() {
    QueryLanguage ql = QueryLanguage.standard();
    String text = "FROM email WHERE status = 'delivered' EARLIEST=-24h | head 5";
    QueryPlan first = ql.plan(text, NOW);
    QueryPlan later = ql.plan(text, NOW.plus(Duration.ofHours(5)));
    assertThat(later.query()).isSameAs(first.query()); // served from the cache
    assertThat(first.from()).isEqualTo(NOW.minus(Duration.ofHours(24)));
    assertThat(later.from()).isEqualTo(NOW.minus(Duration.ofHours(19)));
    assertThat(later.to()).isEqualTo(NOW.plus(Duration.ofHours(5)));
  }

  @Test
  void checksThatDependOnNowRunOnEveryCall() {
    QueryLanguage ql = QueryLanguage.standard();
    String text = "FROM email EARLIEST='2025-06-01T00:00:00Z'";
    assertThat(ql.plan(text, NOW).from()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
    assertThatThrownBy(() -> ql.plan(text, Instant.parse("2025-05-31T00:00:00Z")))
        .isInstanceOf(QuerySyntaxException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void failuresAreNotCachedAndRepeat() {
    QueryLanguage ql = QueryLanguage.standard();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> ql.plan("FROM email WHERE nosuchfield = 1", NOW))
          .isInstanceOf(QuerySyntaxException.class);
    }
    assertThatThrownBy(() -> ql.plan((String) null, NOW)).isInstanceOf(QuerySyntaxException.class);
  }

  @Test
  void cachedPlansEqualFreshOnesAndTheCacheStaysBounded() {
    QueryLanguage cached = QueryLanguage.standard();
    SplittableRandom random = new SplittableRandom(7);
    String[] windows = {"", " EARLIEST=-1h", " EARLIEST=-3d LATEST=-1d", " EARLIEST=-30m"};
    for (int i = 0; i < PlanCache.MAX_ENTRIES + 300; i++) {
      int n = random.nextInt(40);
      String text =
          "FROM email WHERE message_size > "
              + n
              + " AND subject CONTAINS 'x"
              + n
              + "'"
              + windows[random.nextInt(windows.length)]
              + " | sort event_time desc | head "
              + (1 + random.nextInt(5));
      Instant now = NOW.plusSeconds(random.nextInt(100_000));
      QueryPlan fresh = QueryLanguage.standard().plan(text, now);
      assertThat(cached.plan(text, now)).as(text).isEqualTo(fresh);
      assertThat(cached.parse(text)).isEqualTo(fresh.query());
    }
    for (int i = 0; i < PlanCache.MAX_ENTRIES + 10; i++) {
      cached.plan("FROM email WHERE message_size > " + i, NOW);
    }
    assertThat(cached.cachedTexts()).isBetween(1, PlanCache.MAX_ENTRIES);
  }
}
