package io.mailsec.core.ql;

import io.mailsec.core.query.MatchAll;
import io.mailsec.core.query.Predicate;
import java.util.List;
import java.util.Objects;

/**
 * A parsed query, as written: what {@link QueryLanguage#parse} returns after checking it against
 * the schema registry. {@link QueryLanguage#plan} turns it into something runnable (schemas
 * resolved, logical types expanded, time window fixed).
 *
 * @param schemas the schemas named after FROM, lower case, in order; empty when there was no FROM
 * @param where the condition; {@link MatchAll} when there was none. Fields whose name starts with
 *     {@code @} are logical types ({@code @ip}) still to be expanded
 * @param earliest the EARLIEST directive, or null
 * @param latest the LATEST directive, or null
 * @param pipes the stages after {@code |}, in order
 */
public record Query(
    List<String> schemas, Predicate where, TimeBound earliest, TimeBound latest, List<Pipe> pipes) {
  public Query {
    schemas = List.copyOf(schemas);
    Objects.requireNonNull(where, "where");
    pipes = List.copyOf(pipes);
  }

  /**
   * The query in canonical query-language text; parsing it gives a query that prints the same
   * (positions for error messages may differ).
   */
  @Override
  public String toString() {
    return QueryPrinter.print(this);
  }
}
