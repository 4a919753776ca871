package io.mailsec.normalize.support;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * Parses one line of an API 1.0 SIEM {@code key_value} file: {@code key=value} pairs separated by
 * {@code |}, e.g. {@code datetime=2019-11-25T13:45:02+0200|aCode=bFvT...|Dir=Internal}. A {@code |}
 * not followed by {@code name=} belongs to the value (subjects may contain it), and a value may
 * contain {@code =}. Values are kept as text, trimmed, with a trailing CR/LF removed.
 */
public final class KeyValueLine {
  private static final Pattern PAIR_START =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\-]*=.*", Pattern.DOTALL);

  private KeyValueLine() {}

  public static ObjectNode parse(String line) {
    String body = line.strip();
    if (body.isEmpty()) {
      throw new RecordRejected("empty record");
    }
    ObjectNode record = JsonNodeFactory.instance.objectNode();
    String key = null;
    StringBuilder value = new StringBuilder();
    for (String segment : body.split("\\|", -1)) {
      if (PAIR_START.matcher(segment).matches()) {
        if (key != null) {
          record.put(key, value.toString().strip());
        }
        int eq = segment.indexOf('=');
        key = segment.substring(0, eq);
        value.setLength(0);
        value.append(segment.substring(eq + 1));
      } else if (key != null) {
        value.append('|').append(segment);
      } else {
        throw new RecordRejected("not a key_value line: text before the first key=value pair");
      }
    }
    record.put(key, value.toString().strip());
    return record;
  }
}
