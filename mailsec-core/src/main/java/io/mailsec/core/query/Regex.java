package io.mailsec.core.query;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code field MATCHES_REGEX 'pattern'}: the Java regular expression is found somewhere in some
 * value of the field (unanchored, like {@link java.util.regex.Matcher#find()}; anchor with {@code
 * ^...$}). Matching ignores case by default ({@link Pattern#CASE_INSENSITIVE} with {@link
 * Pattern#UNICODE_CASE}, independent of the default locale); a pattern that starts with {@code
 * (?-i)} is case-sensitive. The pattern runs against the value as stored, not folded. Applies to
 * text, keyword and ip fields (an ip field in the text it was written as).
 *
 * <p>Every backend must decide a match with {@link #matches(String)}, which also bounds the work
 * one value may cost: a pattern that backtracks catastrophically fails with {@link
 * IllegalArgumentException} instead of hanging. Immutable; equality is by field and pattern text.
 */
public final class Regex implements Predicate {
  /** Longest pattern accepted, in chars. */
  public static final int MAX_PATTERN_LENGTH = 1_000;

  private static final long MIN_STEPS_PER_VALUE = 1_000_000L;
  private static final long STEPS_PER_CHAR = 200L;

  private final String field;
  private final String pattern;
  private final Pattern compiled;

  /**
   * @throws IllegalArgumentException when the pattern is not a valid Java regular expression or is
   *     longer than {@link #MAX_PATTERN_LENGTH}
   */
  public Regex(String field, String pattern) {
    this.field = Literals.requireField(field);
    this.pattern = Objects.requireNonNull(pattern, "pattern");
    this.compiled = compile(pattern);
  }

  /**
   * The compiled form of a pattern with this predicate's flags.
   *
   * @throws IllegalArgumentException with a one-line reason when it is not valid
   */
  public static Pattern compile(String pattern) {
    if (pattern.length() > MAX_PATTERN_LENGTH) {
      throw new IllegalArgumentException(
          "regular expression is longer than " + MAX_PATTERN_LENGTH + " characters");
    }
    try {
      return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
    } catch (StackOverflowError e) {
      throw new IllegalArgumentException("regular expression is nested too deeply");
    }
  }

  public String field() {
    return field;
  }

  public String pattern() {
    return pattern;
  }

  /**
   * Whether the pattern is found in {@code value}.
   *
   * @throws IllegalArgumentException when matching this value would take too long
   */
  public boolean matches(String value) {
    long budget = Math.max(MIN_STEPS_PER_VALUE, STEPS_PER_CHAR * value.length());
    try {
      return compiled.matcher(new BudgetedChars(value, new long[] {budget})).find();
    } catch (StackOverflowError e) {
      throw tooExpensive();
    }
  }

  private IllegalArgumentException tooExpensive() {
    return new IllegalArgumentException(
        "regular expression on '" + field + "' is too expensive to evaluate; simplify it");
  }

  @Override
  public <R> R accept(PredicateVisitor<R> visitor) {
    return visitor.visitRegex(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Regex other && other.field.equals(field) && other.pattern.equals(pattern);
  }

  @Override
  public int hashCode() {
    return 31 * field.hashCode() + pattern.hashCode();
  }

  @Override
  public String toString() {
    return field + " MATCHES_REGEX " + Predicates.quote(pattern);
  }

  /** A view of a string that fails once the regex engine has read too many characters from it. */
  private final class BudgetedChars implements CharSequence {
    private final String text;
    private final long[] budget;

    BudgetedChars(String text, long[] budget) {
      this.text = text;
      this.budget = budget;
    }

    @Override
    public char charAt(int index) {
      if (--budget[0] < 0) {
        throw tooExpensive();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BudgetedChars(text.substring(start, end), budget);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
