package io.mailsec.core.ql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Contains;
import io.mailsec.core.query.Not;
import io.mailsec.core.query.Or;
import io.mailsec.core.query.Predicates;
import io.mailsec.core.query.Regex;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parser behaviour that the corpus does not show at a glance. */
class QueryParserTest {
  private final QueryLanguage ql = QueryLanguage.standard();

  private QueryError error(String text) {
    try {
      ql.plan(text, QueryCorpusTest.NOW);
    } catch (QuerySyntaxException e) {
      return e.error();
    }
    throw new AssertionError("no error for " + text);
  }

  @Test
  void stringLiteralsDecodeBothQuoteStyles() {
    assertThat(ql.parse("FROM email WHERE subject = 'it''s'").where())
        .isEqualTo(Predicates.eq("subject", "it's"));
    assertThat(ql.parse("FROM email WHERE subject = e'it\\'s \\\\ \\d'").where())
        .isEqualTo(Predicates.eq("subject", "it's \\ \\d"));
    assertThat(ql.parse("FROM email WHERE subject = E'x'").where())
        .isEqualTo(Predicates.eq("subject", "x"));
    // Backslashes are literal in plain strings, so regular expressions need no doubling.
    assertThat(ql.parse("FROM email WHERE subject MATCHES '\\d+'").where())
        .isEqualTo(new Regex("subject", "\\d+"));
  }

  @Test
  void keywordsAndFieldNamesIgnoreCaseUnderATurkishLocale() {
    // Surefire runs with a Turkish default locale: "in".toUpperCase() would be "İN" there.
    Query q = ql.parse("from EMAIL where SUBJECT contains 'x' and status in ('a') | HEAD 1");
    assertThat(q.schemas()).containsExactly("email");
    assertThat(q.toString())
        .isEqualTo("FROM email WHERE subject CONTAINS 'x' AND status IN ('a') | head 1");
  }

  @Test
  void andBindsTighterThanOrAndMayBeImplicit() {
    Query q = ql.parse("FROM email status = 'a' OR status = 'b' direction = 'c'");
    assertThat(q.where())
        .isEqualTo(
            Predicates.or(
                Predicates.eq("status", "a"),
                Predicates.and(Predicates.eq("status", "b"), Predicates.eq("direction", "c"))));
    assertThat(ql.parse("FROM email WHERE NOT status = 'a' AND direction = 'b'").where())
        .isEqualTo(
            Predicates.and(new Not(Predicates.eq("status", "a")), Predicates.eq("direction", "b")));
  }

  @Test
  void negatedOperatorsNeedTheFieldLikeNotEquals() {
    assertThat(ql.parse("FROM email WHERE subject !CONTAINS 'x'").where())
        .isEqualTo(
            Predicates.and(Predicates.isNotNull("subject"), new Not(new Contains("subject", "x"))));
    assertThat(ql.parse("FROM email WHERE subject NOT CONTAINS 'x'").where())
        .isEqualTo(ql.parse("FROM email WHERE subject !CONTAINS 'x'").where());
  }

  @Test
  void literalsAreTypedByTheirSpelling() {
    Comparison c = (Comparison) ql.parse("FROM email WHERE message_size > 1500").where();
    assertThat(c.value()).isEqualTo(1500L);
    c = (Comparison) ql.parse("FROM email WHERE message_size > 1.5e3").where();
    assertThat(c.value()).isEqualTo(1500.0);
    c = (Comparison) ql.parse("FROM email WHERE delivered = TRUE").where();
    assertThat(c.value()).isEqualTo(true);
    c = (Comparison) ql.parse("FROM email WHERE event_time > '2024-03-01T10:00:00'").where();
    assertThat(c.value()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
  }

  @Test
  void timeDirectivesAreRelativeOrAbsolute() {
    Query q = ql.parse("FROM email EARLIEST = -2w LATEST = '2024-03-01'");
    assertThat(q.earliest().relative()).isEqualTo("-2w");
    assertThat(q.latest().absolute()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
    Instant now = QueryCorpusTest.NOW;
    assertThat(TimeBound.relative("-90s").resolve(now)).isEqualTo(now.minusSeconds(90));
    assertThat(TimeBound.relative("-15M").resolve(now))
        .isEqualTo(now.minus(Duration.ofMinutes(15)));
    assertThat(TimeBound.relative("+1d").resolve(now)).isEqualTo(now.plus(Duration.ofDays(1)));
    assertThat(TimeBound.relative("now").resolve(now)).isEqualTo(now);
    assertThatThrownBy(() -> TimeBound.relative("-1y"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void errorsCarryLineAndColumnOfTheOffendingToken() {
    QueryError e = error("FROM email\n  WHERE status = 'x'\n    AND sttaus = 'y'");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(9);
    assertThat(e.message()).contains("did you mean status?");
    assertThat(e.toString()).startsWith("3:9 unknown field 'sttaus'");
  }

  @Test
  void pathologicalInputsAreSyntaxErrors() {
    assertThat(error("FROM email WHERE " + "(".repeat(5000) + "status = 'x'").message())
        .contains("nests deeper than");
    assertThat(error("FROM email WHERE " + "NOT ".repeat(5000) + "status = 'x'").message())
        .contains("nests deeper than");
    assertThat(error("x".repeat(QueryParser.MAX_QUERY_LENGTH + 1)).message()).contains("longer");
    assertThatThrownBy(() -> ql.parse(null)).isInstanceOf(QuerySyntaxException.class);
    // Long flat chains are fine.
    String many = String.join(" OR ", java.util.Collections.nCopies(2000, "status = 'x'"));
    assertThat(((Or) ql.parse("FROM email WHERE " + many).where()).operands()).hasSize(2000);
  }

  @Test
  void extremeTimesAreWindowErrors() {
    assertThat(error("FROM email EARLIEST='-999999999-01-01' LATEST='+999999999-12-31'").message())
        .contains("longer than the allowed 31d");
    assertThat(error("FROM email EARLIEST=-999999999w LATEST=+999999999w").message())
        .contains("longer than the allowed");
    assertThat(error("FROM email EARLIEST=-9999999999d").message()).contains("too far");
    // A far but short window is fine and matches nothing.
    QueryPlan far =
        ql.plan(
            "FROM email EARLIEST='+999999999-12-30' LATEST='+999999999-12-31'",
            QueryCorpusTest.NOW);
    assertThat(new MemoryQueryRunner(ql.registry()).run(far, QueryExecutionTest.fixtures()))
        .isEqualTo(new QueryResult.Events(List.of(), List.of(), 0, false));
  }

  @Test
  void pipesKeepTheirArguments() {
    Query q =
        ql.parse(
            "FROM email | sort status desc, message_size | aggregate count, avg(message_size) by"
                + " bin(event_time, 90m), status | fields count");
    assertThat(q.pipes())
        .containsExactly(
            new Pipe.Sort(
                List.of(
                    new Pipe.SortColumn("status", true),
                    new Pipe.SortColumn("message_size", false))),
            new Pipe.Aggregate(
                List.of(
                    new Pipe.Aggregation(Pipe.Function.COUNT, null),
                    new Pipe.Aggregation(Pipe.Function.AVG, "message_size")),
                List.of(
                    new Pipe.GroupKey("event_time", Duration.ofMinutes(90)),
                    new Pipe.GroupKey("status", null)),
                46),
            new Pipe.Fields(List.of("count")));
  }

  @Test
  void explainShowsResolvedSchemasAndExpandedLogicalTypes() {
    QueryPlan plan = ql.plan("WHERE @domain = 'evil.example'", QueryCorpusTest.NOW);
    assertThat(plan.schemas()).containsExactly("email", "http", "threat_indicator");
    assertThat(plan.explain())
        .startsWith(
            "FROM email, http, threat_indicator WHERE sender_domain = 'evil.example' OR urls.host"
                + " = 'evil.example' OR uri_host = 'evil.example' OR domain_name = 'evil.example'");
    assertThat(plan.eventQuery().schemas())
        .containsExactlyInAnyOrder("email", "http", "threat_indicator");
    assertThat(plan.eventQuery().from()).isEqualTo(QueryCorpusTest.NOW.minus(Duration.ofDays(1)));
  }

  @Test
  void savedSearchesAreValidated() {
    Instant t = QueryCorpusTest.NOW;
    SavedSearch s = new SavedSearch("held mail", "FROM email WHERE status = 'held'", "ann", t, t);
    SavedSearch changed = s.withQuery("FROM email", t.plusSeconds(5));
    assertThat(changed.created()).isEqualTo(t);
    assertThat(changed.updated()).isEqualTo(t.plusSeconds(5));
    assertThatThrownBy(() -> new SavedSearch(" ", "q", "ann", t, t))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SavedSearch("x", "q", "ann", t, t.minusSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
