package io.mailsec.core.query;

/** The comparison operators of {@link Comparison}. */
public enum Operator {
  EQ("="),
  NE("!="),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">=");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  /** The query-language spelling, e.g. {@code <=}. */
  public String symbol() {
    return symbol;
  }

  /** True for {@code < <= > >=}, which need an ordered field type. */
  public boolean isRange() {
    return this != EQ && this != NE;
  }
}
