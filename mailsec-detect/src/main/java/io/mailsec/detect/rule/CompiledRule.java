package io.mailsec.detect.rule;

import io.mailsec.core.event.Event;
import io.mailsec.core.ql.MemoryQueryRunner;
import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.core.ql.QueryPlan;
import io.mailsec.core.ql.QuerySyntaxException;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.detect.DetectionConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A rule checked against the schemas and ready to evaluate: its query planned once (time directives
 * are kept for dry runs but ignored by {@link #matches}) and its group-by fields verified.
 * Immutable and thread-safe.
 */
public final class CompiledRule {
  private static final Instant PLAN_TIME = Instant.parse("2026-01-01T00:00:00Z");

  private final Rule rule;
  private final String expandedQuery;
  private final QueryPlan plan;
  private final MemoryQueryRunner runner;

  private CompiledRule(Rule rule, String expandedQuery, QueryPlan plan, MemoryQueryRunner runner) {
    this.rule = rule;
    this.expandedQuery = expandedQuery;
    this.plan = plan;
    this.runner = runner;
  }

  /**
   * @throws RuleException when the query does not parse, refers to an unknown list, names alert
   *     schemas, has pipes, or a group-by field is in none of the query's schemas
   */
  public static CompiledRule compile(Rule rule, DetectionConfig config, QueryLanguage language) {
    List<String> problems = new ArrayList<>();
    String expanded;
    try {
      expanded = QueryParameters.substitute(rule.query(), config);
    } catch (IllegalArgumentException e) {
      throw new RuleException(rule.origin(), List.of(e.getMessage()));
    }
    QueryPlan plan;
    try {
      plan = language.plan(expanded, PLAN_TIME);
    } catch (QuerySyntaxException e) {
      throw new RuleException(rule.origin(), List.of("query: " + e.getMessage()));
    }
    if (!plan.pipes().isEmpty()) {
      problems.add("query: a rule's query selects events; it cannot have pipes (| ...)");
    }
    if (plan.schemas().contains(SchemaRegistry.ALERT)) {
      problems.add("query: rules run on events, not on alerts; remove FROM alert");
    }
    SchemaRegistry registry = language.registry();
    for (String field : rule.groupBy()) {
      boolean known =
          plan.schemas().stream()
              .anyMatch(s -> registry.schema(s).flatMap(x -> x.field(field)).isPresent());
      if (!known) {
        problems.add(
            "group_by field '"
                + field
                + "' is in none of the schemas "
                + String.join(", ", plan.schemas()));
      }
    }
    if (!problems.isEmpty()) {
      throw new RuleException(rule.origin(), problems);
    }
    return new CompiledRule(rule, expanded, plan, new MemoryQueryRunner(registry));
  }

  public Rule rule() {
    return rule;
  }

  public String id() {
    return rule.id();
  }

  /** The query with {@code $lists} substituted. */
  public String expandedQuery() {
    return expandedQuery;
  }

  /** The planned query (its window refers to a fixed planning time; re-plan for dry runs). */
  public QueryPlan plan() {
    return plan;
  }

  /** Whether the event matches the rule's schemas and condition, whatever its time. */
  public boolean matches(Event event) {
    return runner.matchesIgnoringTime(plan, event);
  }

  /**
   * The group key of a matching event: the values of the group-by fields joined by {@code |}
   * (several values of one field by {@code ,}, a missing field as empty). With no group-by fields,
   * or when the event has none of them, the event's id: such an event is its own group rather than
   * lumped with every other event that lacks the fields.
   */
  public String groupKey(Event event) {
    StringJoiner key = new StringJoiner("|");
    boolean any = false;
    for (String field : rule.groupBy()) {
      StringJoiner values = new StringJoiner(",");
      for (Object v : event.get(field)) {
        values.add(String.valueOf(v).toLowerCase(Locale.ROOT));
        any = true;
      }
      key.add(values.toString());
    }
    return any ? key.toString() : event.id();
  }
}
