package io.mailsec.detect.rule;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and list element of a rule file's YAML starts, by path ({@code query}, {@code
 * threshold.within}, {@code tests.should_match[1]}), so problems can name their line. A file that
 * does not parse maps the paths before the syntax error.
 */
public final class RuleLines {
  private static final YAMLFactory YAML = new YAMLFactory();

  private final String[] text;
  private final Map<String, Integer> lines;

  private RuleLines(String yaml, Map<String, Integer> lines) {
    this.text = yaml.split("\n", -1);
    this.lines = lines;
  }

  private static final class Frame {
    final String path;
    final boolean array;
    int index;

    Frame(String path, boolean array) {
      this.path = path;
      this.array = array;
    }
  }

  public static RuleLines of(String yaml) {
    Map<String, Integer> lines = new HashMap<>();
    Deque<Frame> stack = new ArrayDeque<>();
    String field = "";
    try (JsonParser p = YAML.createParser(yaml)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = p.currentTokenLocation().getLineNr();
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          stack.pop();
          continue;
        }
        if (t == JsonToken.FIELD_NAME) {
          String parent = stack.isEmpty() ? "" : stack.peek().path;
          field = parent.isEmpty() ? p.currentName() : parent + "." + p.currentName();
          lines.putIfAbsent(field, line);
          continue;
        }
        String path = field;
        if (stack.isEmpty()) {
          path = "";
        } else if (stack.peek().array) {
          Frame list = stack.peek();
          path = list.path + "[" + list.index++ + "]";
          lines.putIfAbsent(path, line);
        }
        if (t == JsonToken.START_OBJECT) {
          stack.push(new Frame(path, false));
        } else if (t == JsonToken.START_ARRAY) {
          stack.push(new Frame(path, true));
        }
      }
    } catch (IOException | RuntimeException e) {
      // not YAML past this point: the paths seen so far still help, the parser reports the error
    }
    return new RuleLines(yaml, lines);
  }

  /** The line where {@code key} (or the nearest enclosing key that is there) starts; 0 if none. */
  public int lineOf(String key) {
    String k = key;
    while (k != null && !k.isEmpty()) {
      Integer line = lines.get(k);
      if (line != null) {
        return line;
      }
      int cut = Math.max(k.lastIndexOf('.'), k.lastIndexOf('['));
      k = cut < 0 ? null : k.substring(0, cut);
    }
    return 0;
  }

  /**
   * The file line of a problem (0 when unknown). A line within a key's value counts from the
   * value's first line, which for a block scalar ({@code query: |}) is the line after the key.
   */
  public int locate(RuleProblem problem) {
    if (problem.key() == null) {
      return Math.max(problem.line(), 0);
    }
    int keyLine = lineOf(problem.key());
    if (keyLine == 0 || problem.line() <= 0) {
      return keyLine;
    }
    int first = keyLine;
    if (keyLine <= text.length) {
      String rest = text[keyLine - 1];
      int colon = rest.indexOf(':');
      String value = colon < 0 ? "" : rest.substring(colon + 1).strip();
      if (value.isEmpty() || value.startsWith("|") || value.startsWith(">")) {
        first = keyLine + 1;
      }
    }
    return first + problem.line() - 1;
  }
}
