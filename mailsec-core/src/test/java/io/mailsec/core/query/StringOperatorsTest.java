package io.mailsec.core.query;

import static io.mailsec.core.query.Predicates.endsWith;
import static io.mailsec.core.query.Predicates.regex;
import static io.mailsec.core.query.Predicates.startsWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.event.Event;
import io.mailsec.core.schema.SchemaRegistry;
import io.mailsec.core.store.StoreFixtures;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** STARTSWITH, ENDSWITH and MATCHES_REGEX in the reference evaluator. */
class StringOperatorsTest {
  private final PredicateEvaluator evaluator = new PredicateEvaluator(SchemaRegistry.standard());
  private final List<Event> events =
      List.of(StoreFixtures.e1(), StoreFixtures.e2(), StoreFixtures.e3(), StoreFixtures.e4());

  private Set<String> ids(Predicate p) {
    return Set.copyOf(events.stream().filter(e -> evaluator.matches(p, e)).map(Event::id).toList());
  }

  @Test
  void prefixAndSuffixIgnoreCaseAndMatchAnyValue() {
    assertThat(ids(startsWith("subject", "INVOICE"))).containsExactly("e1");
    assertThat(ids(endsWith("subject", "WORLD"))).containsExactly("e4");
    // Any recipient of a repeated field.
    assertThat(ids(startsWith("to_email_address", "carol"))).containsExactly("e1");
    assertThat(ids(endsWith("to_email_address", "@corp.test"))).containsOnly("e1", "e2");
    // Inside repeated objects, on ip fields as written, and the empty text matches when set.
    assertThat(ids(endsWith("attachments.name", ".EXE"))).containsExactly("e1");
    assertThat(ids(startsWith("sender_ip", "2001:"))).containsExactly("e3");
    assertThat(ids(startsWith("tls.version", ""))).containsExactly("e1");
  }

  @Test
  void foldingDoesNotDependOnTheDefaultLocale() {
    // The build runs tests under a Turkish locale, where "I".toLowerCase() would be a dotless ı.
    Event e =
        StoreFixtures.event("email", "t", StoreFixtures.T0, StoreFixtures.SIEM)
            .put("subject", "INVOICE Issued")
            .build();
    assertThat(evaluator.matches(startsWith("subject", "invoice i"), e)).isTrue();
    assertThat(evaluator.matches(regex("subject", "invoice issued"), e)).isTrue();
  }

  @Test
  void regexFindsAnywhereIgnoringCaseUnlessTurnedOff() {
    assertThat(ids(regex("subject", "for\\s+mar"))).containsExactly("e1");
    assertThat(ids(regex("subject", "^hello"))).containsExactly("e4");
    assertThat(ids(regex("subject", "(?-i)^hello"))).isEmpty();
    assertThat(ids(regex("subject", "(?-i)^HELLO"))).containsExactly("e4");
    assertThat(ids(regex("from_email_address", "@example\\.com$"))).containsExactly("e1");
    assertThat(ids(regex("sender_ip", "^192\\.168\\."))).containsExactly("e2");
  }

  @Test
  void badPatternsAndTypesAreRejected() {
    assertThatThrownBy(() -> regex("subject", "a(b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid regular expression");
    assertThatThrownBy(() -> regex("subject", "a".repeat(Regex.MAX_PATTERN_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> evaluator.matches(startsWith("message_size", "1"), StoreFixtures.e1()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STARTSWITH needs a text, keyword or ip field");
    assertThatThrownBy(() -> evaluator.matches(regex("delivered", "t"), StoreFixtures.e1()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void catastrophicBacktrackingFailsInsteadOfHanging() {
    // Nested quantifiers over the same text: billions of steps without the budget.
    Regex evil = regex("subject", "(.*a){10}x");
    String value = "a".repeat(40);
    assertThatThrownBy(() -> evil.matches(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too expensive");
    assertThat(evil.matches("aaaaaaaaaax")).isTrue();
  }

  @Test
  void regexEqualityIsByFieldAndPattern() {
    assertThat(regex("subject", "a.b")).isEqualTo(regex("subject", "a.b"));
    assertThat(regex("subject", "a.b")).hasSameHashCodeAs(regex("subject", "a.b"));
    assertThat(regex("subject", "a.b")).isNotEqualTo(regex("subject", "a.c"));
    assertThat(regex("subject", "a'b")).hasToString("subject MATCHES_REGEX 'a\\'b'");
  }

  @Test
  void theStringOperatorsDispatchToTheirOwnVisitorMethods() {
    PredicateVisitor<String> visitor =
        new PredicateVisitor<>() {
          @Override
          public String visitComparison(Comparison comparison) {
            return "c";
          }

          @Override
          public String visitContains(Contains contains) {
            return "c";
          }

          @Override
          public String visitStartsWith(StartsWith startsWith) {
            return "starts " + startsWith.text();
          }

          @Override
          public String visitEndsWith(EndsWith endsWith) {
            return "ends " + endsWith.text();
          }

          @Override
          public String visitRegex(Regex regex) {
            return "regex " + regex.pattern();
          }

          @Override
          public String visitIn(In in) {
            return "i";
          }

          @Override
          public String visitIsNull(IsNull isNull) {
            return "n";
          }

          @Override
          public String visitAnd(And and) {
            return "a";
          }

          @Override
          public String visitOr(Or or) {
            return "o";
          }

          @Override
          public String visitNot(Not not) {
            return "n";
          }

          @Override
          public String visitMatchAll(MatchAll matchAll) {
            return "m";
          }
        };
    assertThat(startsWith("subject", "a").accept(visitor)).isEqualTo("starts a");
    assertThat(endsWith("subject", "b").accept(visitor)).isEqualTo("ends b");
    assertThat(regex("subject", "c+").accept(visitor)).isEqualTo("regex c+");
    assertThat(endsWith("subject", "x").fields()).containsExactly("subject");
    assertThat(regex("sender_ip", "x").fields()).containsExactly("sender_ip");
  }
}
