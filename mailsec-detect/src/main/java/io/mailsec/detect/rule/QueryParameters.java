package io.mailsec.detect.rule;

import io.mailsec.detect.DetectionConfig;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Replaces {@code $name} in a rule's query by the detection config's list of that name, written as
 * a parenthesized list of string literals, so {@code to_email_address IN $finance_recipients}
 * becomes {@code to_email_address IN ('cfo@example.com', 'ap@example.com')}. {@code $} inside a
 * quoted literal is left alone. An empty list becomes {@code ('$none')}, a value no address, domain
 * or URL equals, so the condition matches nothing until the list is configured.
 */
public final class QueryParameters {
  static final String NONE = "$none";

  private QueryParameters() {}

  /**
   * @throws IllegalArgumentException naming a list that the config does not define
   */
  public static String substitute(String query, DetectionConfig config) {
    StringBuilder out = new StringBuilder();
    boolean quoted = false;
    int i = 0;
    while (i < query.length()) {
      char c = query.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      if (!quoted && c == '$') {
        int end = i + 1;
        while (end < query.length() && isNameChar(query.charAt(end))) {
          end++;
        }
        String name = query.substring(i + 1, end);
        List<String> values =
            config
                .list(name)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "the query refers to $"
                                + name
                                + ", which the detection config does not define; its lists are "
                                + String.join(", ", new TreeSet<>(config.lists().keySet()))));
        out.append(literalList(values.isEmpty() ? List.of(NONE) : values));
        i = end;
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /** Names of the lists a query refers to. */
  public static Set<String> referenced(String query) {
    Set<String> names = new TreeSet<>();
    boolean quoted = false;
    for (int i = 0; i < query.length(); i++) {
      char c = query.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '$') {
        int end = i + 1;
        while (end < query.length() && isNameChar(query.charAt(end))) {
          end++;
        }
        names.add(query.substring(i + 1, end));
      }
    }
    return names;
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  }

  private static String literalList(List<String> values) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append('\'').append(values.get(i).replace("'", "''")).append('\'');
    }
    return out.append(')').toString();
  }
}
