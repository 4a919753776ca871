package io.mailsec.core.query;

import static io.mailsec.core.query.Predicates.and;
import static io.mailsec.core.query.Predicates.contains;
import static io.mailsec.core.query.Predicates.eq;
import static io.mailsec.core.query.Predicates.gt;
import static io.mailsec.core.query.Predicates.in;
import static io.mailsec.core.query.Predicates.isNotNull;
import static io.mailsec.core.query.Predicates.isNull;
import static io.mailsec.core.query.Predicates.lt;
import static io.mailsec.core.query.Predicates.ne;
import static io.mailsec.core.query.Predicates.not;
import static io.mailsec.core.query.Predicates.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailsec.core.event.Event;
import io.mailsec.core.schema.SchemaRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PredicateEvaluatorTest {
  private static final PredicateEvaluator EVALUATOR =
      new PredicateEvaluator(SchemaRegistry.standard());
  private static final Instant T = Instant.parse("2024-03-01T10:00:00Z");

  private static final Event EMAIL =
      Event.builder("email")
          .put("id", "e1")
          .put("event_time", T)
          .put("status", "Delivered")
          .add("to_email_address", List.of("bob@corp.test", "carol@corp.test"))
          .put("sender_ip", "10.1.2.3")
          .put("message_size", 1500L)
          .put("delivered", true)
          .put("original_data", "{\"Virus\":\"Eicar\"}")
          .add("attachments", Map.of("sha256", "aa11"))
          .build();

  private static boolean matches(Predicate p) {
    return EVALUATOR.matches(p, EMAIL);
  }

  @Test
  void comparisonsFollowTheFieldType() {
    assertThat(matches(eq("status", "DELIVERED"))).isTrue();
    assertThat(matches(eq("message_size", "1500"))).isTrue();
    assertThat(matches(gt("message_size", 1499.5))).isTrue();
    assertThat(matches(lt("event_time", "2024-03-01T10:00:00.000001Z"))).isTrue();
    assertThat(matches(eq("delivered", "True"))).isTrue();
    assertThat(matches(eq("sender_ip", "10.1.0.0/16"))).isTrue();
    assertThat(matches(eq("attachments.sha256", "AA11"))).isTrue();
    assertThat(matches(eq("status", "held"))).isFalse();
  }

  @Test
  void repeatedFieldsMatchAnyValueAndNotEqualNeedsNone() {
    assertThat(matches(eq("to_email_address", "carol@corp.test"))).isTrue();
    assertThat(matches(ne("to_email_address", "carol@corp.test"))).isFalse();
    assertThat(matches(ne("to_email_address", "dave@corp.test"))).isTrue();
    assertThat(matches(in("to_email_address", "x", "BOB@corp.test"))).isTrue();
  }

  @Test
  void absentFieldsNeverCompareButAreNull() {
    assertThat(matches(eq("subject", "x"))).isFalse();
    assertThat(matches(ne("subject", "x"))).isFalse();
    assertThat(matches(not(eq("subject", "x")))).isTrue();
    assertThat(matches(isNull("subject"))).isTrue();
    assertThat(matches(isNotNull("attachments"))).isTrue();
    // A field of another schema is simply absent here.
    assertThat(matches(isNull("url"))).isTrue();
  }

  @Test
  void containsIsASubstringIgnoringCase() {
    assertThat(matches(contains("original_data", "virus\":\"e"))).isTrue();
    assertThat(matches(contains("to_email_address", "CAROL@"))).isTrue();
    assertThat(matches(contains("sender_ip", "1.2"))).isTrue();
    assertThat(matches(contains("original_data", "virus eicar"))).isFalse();
  }

  @Test
  void logic() {
    assertThat(matches(and(eq("status", "delivered"), eq("delivered", true)))).isTrue();
    assertThat(matches(or(eq("status", "held"), eq("delivered", false)))).isFalse();
    assertThat(matches(new MatchAll())).isTrue();
  }

  @Test
  void invalidPredicatesFailWhateverTheEvent() {
    assertThatThrownBy(() -> matches(eq("nope", "x"))).hasMessageContaining("nope");
    assertThatThrownBy(() -> matches(ne("message_size", "big")))
        .hasMessageContaining("message_size");
    assertThatThrownBy(() -> matches(lt("subject", "x")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> matches(contains("message_size", "1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> matches(eq("attachments", "x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void predicatesListTheirFieldsAndPrintReadably() {
    Predicate p = and(eq("status", "held"), or(contains("subject", "it's"), isNull("status")));
    assertThat(p.fields()).containsExactly("status", "subject");
    assertThat(p.toString())
        .isEqualTo("(status = 'held' AND (subject CONTAINS 'it\\'s' OR status IS NULL))");
  }

  @Test
  void everyPathOfTheStandardRegistryHasOneType() {
    FieldTypes types = FieldTypes.of(SchemaRegistry.standard());
    assertThat(types.require("subject")).isEqualTo(io.mailsec.core.schema.FieldType.TEXT);
    assertThat(types.isMultiValued("to_email_address")).isTrue();
    assertThat(types.isMultiValued("attachments.sha256")).isTrue();
    assertThat(types.isMultiValued("event_time")).isFalse();
  }
}
