package io.mailsec.normalize.ti;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of the threat feed's pipe-delimited CSV. A field may be wrapped in double quotes
 * (Mimecast quotes file names containing {@code |}); inside quotes {@code ""} is a literal quote.
 * Fields are trimmed and a trailing CR/LF is ignored.
 */
final class PipeCsv {
  private PipeCsv() {}

  static List<String> split(String line) {
    String body = line.replaceAll("[\r\n]+$", "");
    List<String> fields = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < body.length() && body.charAt(i + 1) == '"') {
          current.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          current.append(c);
        }
      } else if (c == '"' && current.toString().isBlank()) {
        quoted = true;
        current.setLength(0);
      } else if (c == '|') {
        fields.add(current.toString().strip());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    fields.add(current.toString().strip());
    return fields;
  }
}
