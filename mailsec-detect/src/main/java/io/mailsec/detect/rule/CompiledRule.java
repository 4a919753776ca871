package io.mailsec.detect.rule;

import io.mailsec.core.event.Event;
import io.mailsec.core.ql.MemoryQueryRunner;
import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.core.ql.QueryPlan;
import io.mailsec.core.ql.QuerySyntaxException;
import io.mailsec.core.query.CompiledPredicate;
import io.mailsec.core.query.EventFields;
import io.mailsec.core.query.PredicateEvaluator;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.detect.DetectionConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
  private final Set<String> schemas;

  /** Null when the condition does not compile; {@link #matches} then fails as the runner does. */
  private final CompiledPredicate condition;

  private CompiledRule(
      Rule rule,
      String expandedQuery,
      QueryPlan plan,
      MemoryQueryRunner runner,
      CompiledPredicate condition) {
    this.rule = rule;
    this.expandedQuery = expandedQuery;
    this.plan = plan;
    this.runner = runner;
    this.schemas = Set.copyOf(plan.schemas());
    this.condition = condition;
  }

  /**
   * @throws RuleException when the query does not parse, refers to an unknown list, names alert
   *     schemas, has pipes, or a group-by field is in none of the query's schemas
   */
  public static CompiledRule compile(Rule rule, DetectionConfig config, QueryLanguage language) {
    List<RuleProblem> problems = new ArrayList<>();
    String expanded;
    try {
      expanded = QueryParameters.substitute(rule.query(), config);
    } catch (IllegalArgumentException e) {
      throw RuleException.located(rule.origin(), List.of(RuleProblem.at("query", e.getMessage())));
    }
    QueryPlan plan;
    try {
      plan = language.plan(expanded, PLAN_TIME);
    } catch (QuerySyntaxException e) {
      throw RuleException.located(
          rule.origin(),
          List.of(new RuleProblem("query: " + e.getMessage(), "query", e.error().line())));
    }
    if (!plan.pipes().isEmpty()) {
      problems.add(
          RuleProblem.at(
              "query", "query: a rule's query selects events; it cannot have pipes (| ...)"));
    }
    if (plan.schemas().contains(SchemaRegistry.ALERT)) {
      problems.add(
          RuleProblem.at("query", "query: rules run on events, not on alerts; remove FROM alert"));
    }
    SchemaRegistry registry = language.registry();
    for (String field : rule.groupBy()) {
      boolean known =
          plan.schemas().stream()
              .anyMatch(s -> registry.schema(s).flatMap(x -> x.field(field)).isPresent());
      if (!known) {
        problems.add(
            RuleProblem.at(
                "group_by",
                "group_by field '"
                    + field
                    + "' is in none of the schemas "
                    + String.join(", ", plan.schemas())));
      }
    }
    if (!problems.isEmpty()) {
      throw RuleException.located(rule.origin(), problems);
    }
    CompiledPredicate condition;
    try {
      condition = new PredicateEvaluator(registry).compile(plan.predicate());
    } catch (IllegalArgumentException e) {
      condition = null;
    }
    return new CompiledRule(rule, expanded, plan, new MemoryQueryRunner(registry), condition);
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
    return matches(EventFields.of(event));
  }

  /**
   * As {@link #matches(Event)}, sharing the field values looked up (and case-folded) for the event
   * with other rules evaluated on it.
   */
  public boolean matches(EventFields event) {
    if (!schemas.contains(event.event().schema())) {
      return false;
    }
    return condition != null
        ? condition.test(event)
        : runner.matchesIgnoringTime(plan, event.event());
  }

  /**
   * The rules of {@code rules} that match the event, in order. Cheaper than asking each rule: the
   * event's field values are looked up and folded once for all of them.
   */
  public static List<CompiledRule> matching(List<CompiledRule> rules, Event event) {
    EventFields fields = EventFields.of(event);
    List<CompiledRule> out = new ArrayList<>(2);
    for (CompiledRule r : rules) {
      if (r.matches(fields)) {
        out.add(r);
      }
    }
    return out;
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
