package io.mailsec.detect.rule;

/**
 * One problem of a rule file. {@code key} is the YAML path it concerns ({@code query}, {@code
 * threshold.within}, {@code tests.should_match[1]}), or null when the file as a whole is at fault.
 * {@code line} is 1-based: with a key, the line within that key's value where the problem is (0 for
 * the key itself); without a key, the line in the file (0 when unknown). {@link RuleLines#locate}
 * turns both into a line of the file.
 */
public record RuleProblem(String message, String key, int line) {
  public static RuleProblem at(String key, String message) {
    return new RuleProblem(message, key, 0);
  }
}
