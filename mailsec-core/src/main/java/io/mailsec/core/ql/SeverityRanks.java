package io.mailsec.core.ql;

import io.mailsec.core.query.Comparison;
import io.mailsec.core.query.Operator;
import io.mailsec.core.query.Predicate;
import io.mailsec.core.schema.AlertFields;
import java.util.OptionalLong;

/**
 * Makes {@code severity} an ordered value: a range comparison ({@code < <= > >=}) of {@code
 * severity} with a severity name becomes the same comparison of {@code severity_score} with the
 * name's rank, so {@code severity >= 'high'} finds high and critical alerts instead of failing (a
 * keyword has no order). Equality stays on the keyword.
 */
final class SeverityRanks {
  static final String FIELD = "severity";
  static final String SCORE_FIELD = "severity_score";

  private SeverityRanks() {}

  /**
   * The rank comparison for {@code field op literal}, or null when this is not a range on {@code
   * severity} with a severity name (the caller then checks it as usual).
   */
  static Predicate rangeByRank(
      String field, boolean logical, Operator op, QueryChecker.Literal literal) {
    if (logical || !op.isRange() || !field.equals(FIELD)) {
      return null;
    }
    if (!(literal.value() instanceof String name)) {
      return null;
    }
    OptionalLong rank = AlertFields.severityRank(name);
    return rank.isPresent() ? new Comparison(SCORE_FIELD, op, rank.getAsLong()) : null;
  }
}
