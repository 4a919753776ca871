package io.mailsec.core.ql;

import io.mailsec.core.schema.SchemaRegistry;
import java.time.Instant;
import java.util.Objects;

/**
 * Entry point of the query language (docs/query-language.md): parses query text against a schema
 * registry, plans it for a point in time, and explains it.
 *
 * <p>For any input string, {@link #parse}, {@link #plan(String, Instant)} and {@link #explain}
 * either return or throw {@link QuerySyntaxException}, never another exception. Immutable and
 * thread-safe.
 */
public final class QueryLanguage {
  private final SchemaRegistry registry;
  private final QueryChecker.Factory checkers;
  private final QueryPlanner planner;

  public QueryLanguage(SchemaRegistry registry, QueryOptions options) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.checkers = new QueryChecker.Factory(registry);
    this.planner = new QueryPlanner(registry, Objects.requireNonNull(options, "options"));
  }

  /** With the standard schemas and default options. */
  public static QueryLanguage standard() {
    return new QueryLanguage(SchemaRegistry.standard(), QueryOptions.DEFAULTS);
  }

  public SchemaRegistry registry() {
    return registry;
  }

  /**
   * Parses and checks a query: syntax, schema and field names, operators against field types,
   * literals, regular expressions.
   *
   * @throws QuerySyntaxException with the position of the first problem
   */
  public Query parse(String text) {
    return parse0(text);
  }

  /**
   * Parses a query and plans it for running at {@code now}: resolves the schemas, expands logical
   * types, fixes the time window (EARLIEST defaults to the configured window before LATEST, LATEST
   * to {@code now}) and checks it against the maximum window.
   *
   * @throws QuerySyntaxException with the position of the first problem
   */
  public QueryPlan plan(String text, Instant now) {
    return planner.plan(parse0(text), text, Objects.requireNonNull(now, "now"));
  }

  /**
   * Plans a query parsed earlier (or built in code). Error positions refer to the query's canonical
   * text ({@link Query#toString()}) and may be approximate.
   *
   * @throws QuerySyntaxException when the window or a histogram is not allowed
   */
  public QueryPlan plan(Query query, Instant now) {
    return planner.plan(query, query.toString(), Objects.requireNonNull(now, "now"));
  }

  /**
   * The expanded form of a query at {@code now} (see {@link QueryPlan#explain()}).
   *
   * @throws QuerySyntaxException with the position of the first problem
   */
  public String explain(String text, Instant now) {
    return plan(text, now).explain();
  }

  private Query parse0(String text) {
    try {
      return QueryParser.parse(text, checkers);
    } catch (StackOverflowError e) {
      // A last guard: nesting is limited, but a pathological input must still not escape as an
      // Error.
      throw QuerySyntaxException.at(text == null ? "" : text, 0, "the query is nested too deeply");
    }
  }
}
