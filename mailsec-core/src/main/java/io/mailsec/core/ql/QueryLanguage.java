package io.mailsec.core.ql;

import io.mailsec.core.schema.SchemaRegistry;
import java.time.Instant;
import java.util.Objects;

/**
 * Entry point of the query language (docs/query-language.md): parses query text against a schema
 * registry, plans it for a point in time, and explains it.
 *
 * <p>For any input string, {@link #parse}, {@link #plan(String, Instant)} and {@link #explain}
 * either return or throw {@link QuerySyntaxException}, never another exception. Thread-safe.
 *
 * <p>Parsing and the time-independent part of planning are cached by query text (the same saved
 * searches, dashboards and rules run again and again): a cached entry is the parsed query and its
 * expanded condition, never a time window, so relative EARLIEST/LATEST are resolved against the
 * {@code now} of every call. Only successful results are cached; the cache is bounded.
 */
public final class QueryLanguage {
  private final SchemaRegistry registry;
  private final QueryChecker.Factory checkers;
  private final QueryPlanner planner;
  private final PlanCache cache = new PlanCache();

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
    QueryPlanner.Prepared cached = text == null ? null : cache.get(text);
    return cached != null ? cached.query() : parse0(text);
  }

  /**
   * Parses a query and plans it for running at {@code now}: resolves the schemas, expands logical
   * types, fixes the time window (EARLIEST defaults to the configured window before LATEST, LATEST
   * to {@code now}) and checks it against the maximum window.
   *
   * @throws QuerySyntaxException with the position of the first problem
   */
  public QueryPlan plan(String text, Instant now) {
    Objects.requireNonNull(now, "now");
    QueryPlanner.Prepared prepared = text == null ? null : cache.get(text);
    if (prepared == null) {
      prepared = planner.prepare(parse0(text), text);
      cache.put(text, prepared);
    }
    return planner.plan(prepared, now);
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

  /** How many query texts the plan cache holds (for tests). */
  int cachedTexts() {
    return cache.size();
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
