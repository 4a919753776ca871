package io.mailsec.core.ql;

import io.mailsec.core.event.EventJson;
import io.mailsec.core.query.And;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Contains;
import io.mailsec.core.query.EndsWith;
import io.mailsec.core.query.In;
import io.mailsec.core.query.IsNull;
import io.mailsec.core.query.MatchAll;
import io.mailsec.core.query.Not;
import io.mailsec.core.query.Or;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.query.Regex;
import io.mailsec.core.query.StartsWith;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes queries, predicates and literals back as query-language text that parses to the same
 * meaning: canonical spelling (upper-case operators, single-quoted strings with {@code ''}),
 * parentheses only where precedence needs them, and {@code f != v}, {@code f !IN (...)}, {@code f
 * !CONTAINS ...} for the negated forms the parser produces.
 */
final class QueryPrinter {
  private QueryPrinter() {}

  static String print(Query query) {
    return print(query.schemas(), query.where(), query.earliest(), query.latest(), query.pipes());
  }

  static String print(
      List<String> schemas, Predicate where, Object earliest, Object latest, List<Pipe> pipes) {
    List<String> parts = new ArrayList<>();
    if (!schemas.isEmpty()) {
      parts.add("FROM " + String.join(", ", schemas));
    }
    if (!(where instanceof MatchAll)) {
      parts.add("WHERE " + predicate(where));
    }
    if (earliest != null) {
      parts.add("EARLIEST=" + earliest);
    }
    if (latest != null) {
      parts.add("LATEST=" + latest);
    }
    for (Pipe pipe : pipes) {
      parts.add("| " + pipe(pipe));
    }
    return String.join(" ", parts);
  }

  static String predicate(Predicate p) {
    if (p instanceof And and) {
      String negated = negatedForm(and);
      if (negated != null) {
        return negated;
      }
      return and.operands().stream()
          .map(o -> o instanceof Or ? "(" + predicate(o) + ")" : predicate(o))
          .collect(Collectors.joining(" AND "));
    }
    if (p instanceof Or or) {
      // AND binds tighter than OR, and a nested OR reads the same without parentheses.
      return or.operands().stream()
          .map(QueryPrinter::predicate)
          .collect(Collectors.joining(" OR "));
    }
    if (p instanceof Not not) {
      if (not.operand() instanceof IsNull n) {
        return n.field() + " IS NOT NULL";
      }
      Predicate inner = not.operand();
      boolean group = inner instanceof And a ? negatedForm(a) == null : inner instanceof Or;
      return "NOT " + (group ? "(" + predicate(inner) + ")" : predicate(inner));
    }
    return leaf(p, false);
  }

  /** {@code f IS NOT NULL AND NOT <op on f>} is how the parser writes {@code f !OP ...}. */
  private static String negatedForm(And and) {
    if (and.operands().size() != 2
        || !(and.operands().get(0) instanceof Not first)
        || !(first.operand() instanceof IsNull exists)
        || !(and.operands().get(1) instanceof Not second)) {
      return null;
    }
    Predicate op = second.operand();
    boolean negatable =
        op instanceof In
            || op instanceof Contains
            || op instanceof StartsWith
            || op instanceof EndsWith
            || op instanceof Regex;
    if (!negatable || !op.fields().equals(java.util.Set.of(exists.field()))) {
      return null;
    }
    return leaf(op, true);
  }

  private static String leaf(Predicate p, boolean negated) {
    String bang = negated ? "!" : "";
    if (p instanceof Comparison c) {
      return c.field() + " " + c.op().symbol() + " " + literal(c.value());
    }
    if (p instanceof Contains c) {
      return c.field() + " " + bang + "CONTAINS " + literal(c.text());
    }
    if (p instanceof StartsWith s) {
      return s.field() + " " + bang + "STARTSWITH " + literal(s.text());
    }
    if (p instanceof EndsWith e) {
      return e.field() + " " + bang + "ENDSWITH " + literal(e.text());
    }
    if (p instanceof Regex r) {
      return r.field() + " " + bang + "MATCHES_REGEX " + literal(r.pattern());
    }
    if (p instanceof In in) {
      return in.field()
          + " "
          + bang
          + "IN ("
          + in.values().stream().map(QueryPrinter::literal).collect(Collectors.joining(", "))
          + ")";
    }
    if (p instanceof IsNull n) {
      return n.field() + " IS NULL";
    }
    if (p instanceof MatchAll) {
      // Only reachable inside a composite built in code; an always-true condition.
      return "NOT id IS NULL";
    }
    throw new IllegalStateException("not a leaf: " + p);
  }

  static String pipe(Pipe pipe) {
    if (pipe instanceof Pipe.Head h) {
      return "head " + h.count();
    }
    if (pipe instanceof Pipe.Tail t) {
      return "tail " + t.count();
    }
    if (pipe instanceof Pipe.Sort s) {
      return "sort "
          + s.columns().stream()
              .map(c -> c.column() + (c.descending() ? " desc" : " asc"))
              .collect(Collectors.joining(", "));
    }
    if (pipe instanceof Pipe.Fields f) {
      return "fields " + String.join(", ", f.columns());
    }
    Pipe.Aggregate a = (Pipe.Aggregate) pipe;
    String out =
        "aggregate "
            + a.functions().stream()
                .map(Pipe.Aggregation::column)
                .collect(Collectors.joining(", "));
    if (!a.groupBy().isEmpty()) {
      out +=
          " by "
              + a.groupBy().stream().map(Pipe.GroupKey::column).collect(Collectors.joining(", "));
    }
    return out;
  }

  /** A literal as the query language writes it. */
  static String literal(Object value) {
    if (value instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    if (value instanceof Instant i) {
      return "'" + EventJson.formatInstant(i) + "'";
    }
    return String.valueOf(value);
  }

  /** A duration in the largest unit of w, d, h, m, s that divides it, e.g. {@code 90m}. */
  static String duration(Duration d) {
    long seconds = d.getSeconds();
    long[] sizes = {7 * 86400L, 86400L, 3600L, 60L};
    String[] units = {"w", "d", "h", "m"};
    for (int i = 0; i < sizes.length; i++) {
      if (seconds % sizes[i] == 0) {
        return seconds / sizes[i] + units[i];
      }
    }
    return seconds + "s";
  }
}
