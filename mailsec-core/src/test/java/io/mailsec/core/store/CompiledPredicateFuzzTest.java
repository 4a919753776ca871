package io.mailsec.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.event.Event;
import io.mailsec.core.query.And;
import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.CompiledPredicate;
import io.mailsec.core.query.EndsWith;
import io.mailsec.core.query.EventFields;
import io.mailsec.core.query.In;
import io.mailsec.core.query.MatchAll;
import io.mailsec.core.query.Not;
import io.mailsec.core.query.Operator;
import io.mailsec.core.query.Or;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.query.PredicateEvaluator;
import io.mailsec.core.query.Regex;
import io.mailsec.core.query.StartsWith;
import io.mailsec.core.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The compiled evaluator (pre-folded literals, short-circuiting AND / OR, field values shared
 * between predicates through one {@link EventFields}) accepts exactly the events the plain
 * interpreting evaluator accepts, over seeded random events and predicates.
 */
class CompiledPredicateFuzzTest {
  private final SchemaRegistry registry = SchemaRegistry.standard();
  private final PredicateEvaluator evaluator = new PredicateEvaluator(registry);
  private final InterpretingEvaluator reference = new InterpretingEvaluator(registry);

  @Test
  void anErrorDoesNotDependOnTheEventOrOnWhatWasDecidedBefore() {
    Predicate badOperandAfterDecidingOperand =
        new Or(List.of(new MatchAll(), new Comparison("message_size", Operator.EQ, "big")));

    assertThatThrownBy(() -> evaluator.compile(badOperandAfterDecidingOperand))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                evaluator.matches(
                    badOperandAfterDecidingOperand, new RandomEvents(1).events(1).get(0)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * Mixes operators {@link RandomEvents} does not generate (prefix, suffix, regular expression, IN
   * on numbers and addresses) into its predicates.
   */
  private static Predicate withOtherOperators(Predicate p, SplittableRandom random) {
    Predicate other =
        switch (random.nextInt(6)) {
          case 0 -> new StartsWith("subject", pick(random, "Inv", "urgent", "İ", "re"));
          case 1 -> new EndsWith("to_email_address", pick(random, ".TEST", "y.z", "corp.test"));
          case 2 -> new Regex("subject", pick(random, ".*voice.*", "[A-Z].*", "me+ting"));
          case 3 -> new In("message_size", List.of(100L, 2500L, 4999L, 17L));
          case 4 -> new In("sender_ip", List.of("10.0.0.0/8", "2001:db8::5"));
          default -> new Comparison("sender_ip", Operator.GE, "10.1.2.3");
        };
    return switch (random.nextInt(4)) {
      case 0 -> new And(List.of(p, other));
      case 1 -> new Or(List.of(other, p));
      case 2 -> new Not(other);
      default -> p;
    };
  }

  private static String pick(SplittableRandom random, String... values) {
    return values[random.nextInt(values.length)];
  }

  @Test
  void compiledAndSharedEvaluationAgreeWithTheInterpreter() {
    long disagreements = 0;
    long accepted = 0;
    long total = 0;
    for (long seed = 1; seed <= 20; seed++) {
      RandomEvents random = new RandomEvents(seed);
      SplittableRandom extra = new SplittableRandom(seed);
      List<Event> events = random.events(60);
      List<Predicate> predicates = new ArrayList<>();
      List<CompiledPredicate> compiled = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        Predicate p = withOtherOperators(random.predicate(3), extra);
        predicates.add(p);
        compiled.add(evaluator.compile(p));
      }
      for (Event event : events) {
        EventFields shared = EventFields.of(event);
        for (int i = 0; i < predicates.size(); i++) {
          boolean expected = reference.matches(predicates.get(i), event);
          boolean viaShared = compiled.get(i).test(shared);
          boolean viaEvent = evaluator.matches(predicates.get(i), event);
          if (viaShared != expected || viaEvent != expected) {
            disagreements++;
          }
          accepted += expected ? 1 : 0;
          total++;
        }
      }
    }

    assertThat(disagreements).isZero();
    // The corpus must exercise both outcomes, or agreement would mean little.
    assertThat(accepted).isBetween(total / 20, total - total / 20);
  }
}
