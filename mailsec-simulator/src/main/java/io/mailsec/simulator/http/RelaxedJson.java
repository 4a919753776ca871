package io.mailsec.simulator.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Parses request bodies the way the 1.0 API evidently does: strict JSON, and also Python's {@code
 * str(dict)} form that Mimecast's own samples and several connectors send (single quotes, {@code
 * True}/{@code False}/{@code None}). Only whole-word literals outside strings are rewritten.
 */
final class RelaxedJson {
  private RelaxedJson() {}

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
          .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** Parses text; returns {@code null} for a blank body. */
  static JsonNode parse(String text) throws IOException {
    if (text.isBlank()) {
      return null;
    }
    return MAPPER.readTree(pythonLiteralsToJson(text));
  }

  static String pythonLiteralsToJson(String text) {
    StringBuilder out = new StringBuilder(text.length());
    char quote = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (quote != 0) {
        out.append(c);
        if (c == '\\' && i + 1 < text.length()) {
          out.append(text.charAt(i + 1));
          i += 2;
          continue;
        }
        if (c == quote) {
          quote = 0;
        }
        i++;
        continue;
      }
      if (c == '"' || c == '\'') {
        quote = c;
        out.append(c);
        i++;
        continue;
      }
      if (Character.isLetter(c)) {
        int end = i;
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
          end++;
        }
        String word = text.substring(i, end);
        out.append(
            switch (word) {
              case "True" -> "true";
              case "False" -> "false";
              case "None" -> "null";
              default -> word;
            });
        i = end;
        continue;
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }
}
