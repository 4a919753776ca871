package io.mailsec.core.ql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Golden tests over the shared corpus in {@code src/test/resources/ql/}. */
class QueryCorpusTest {
  /** The time every corpus case is planned at. */
  static final Instant NOW = Instant.parse("2024-03-01T14:00:00Z");

  private final QueryLanguage ql = QueryLanguage.standard();

  /** A structural form of the parsed query: every AND and OR in parentheses, literals typed. */
  static String dump(Query q) {
    return "schemas="
        + q.schemas()
        + " where="
        + q.where()
        + " earliest="
        + (q.earliest() == null ? "-" : q.earliest())
        + " latest="
        + (q.latest() == null ? "-" : q.latest())
        + " pipes="
        + q.pipes().stream().map(QueryPrinter::pipe).collect(Collectors.joining(" | ", "[", "]"));
  }

  @Test
  void validQueriesParseToTheExpectedTreeAndExpansion() {
    List<String> problems = new ArrayList<>();
    for (QueryCorpus.Case c : QueryCorpus.read("/ql/valid.txt")) {
      Query query = ql.parse(c.query());
      String ast = dump(query);
      String explain = ql.explain(c.query(), NOW);
      if (!ast.equals(c.one("ast"))) {
        problems.add(c + "\n  ast: " + ast + "\n  expected: " + c.one("ast"));
      }
      if (!explain.equals(c.one("explain"))) {
        problems.add(c + "\n  explain: " + explain + "\n  expected: " + c.one("explain"));
      }
      // The canonical text and the explanation are queries themselves, with the same meaning.
      assertThat(dump(ql.parse(query.toString()))).as(c.toString()).isEqualTo(ast);
      assertThat(ql.explain(explain, NOW)).as(c.toString()).isEqualTo(explain);
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void invalidQueriesFailWithALocatedMessage() {
    List<String> problems = new ArrayList<>();
    for (QueryCorpus.Case c : QueryCorpus.read("/ql/invalid.txt")) {
      QuerySyntaxException e =
          catchThrowableOfType(QuerySyntaxException.class, () -> ql.plan(c.query(), NOW));
      String actual = e == null ? "no error" : e.error().toString();
      String expected = c.one("error");
      if (expected == null || e == null || !actual.startsWith(expected)) {
        problems.add(c + "\n  actual:   " + actual + "\n  expected: " + expected);
      }
    }
    assertThat(problems).isEmpty();
  }
}
