package io.mailsec.core.ql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the shared query corpus under {@code src/test/resources/ql/} (shipped in the test jar, so
 * store modules can duel their results against {@link MemoryQueryRunner} on the same cases).
 *
 * <p>Format: cases are separated by blank lines; each line is {@code key: value}; {@code #} starts
 * a comment line. {@code query:} is the query text and each following {@code query+:} line adds a
 * line break and more text. Other keys may repeat (e.g. one {@code row:} per expected row).
 */
public final class QueryCorpus {
  private QueryCorpus() {}

  /**
   * One case of a corpus file.
   *
   * @param line line number of the case's first line, for messages
   * @param values every key's values in file order
   */
  public record Case(int line, Map<String, List<String>> values) {
    public String query() {
      return one("query");
    }

    /** The single value of a key, or null. */
    public String one(String key) {
      List<String> all = values.get(key);
      return all == null ? null : all.get(0);
    }

    public List<String> all(String key) {
      return values.getOrDefault(key, List.of());
    }

    @Override
    public String toString() {
      return "line " + line + ": " + query().replace("\n", "⏎");
    }
  }

  public static List<Case> read(String resource) {
    String text;
    try (InputStream in = QueryCorpus.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no resource " + resource);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Case> cases = new ArrayList<>();
    Map<String, List<String>> current = null;
    int start = 0;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank()) {
        if (current != null) {
          cases.add(new Case(start, current));
          current = null;
        }
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(resource + ":" + (i + 1) + ": expected key: value");
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 1);
      value = value.startsWith(" ") ? value.substring(1) : value;
      if (current == null) {
        current = new LinkedHashMap<>();
        start = i + 1;
      }
      if (key.equals("query+")) {
        List<String> query = current.get("query");
        query.set(0, query.get(0) + "\n" + value);
      } else {
        current.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      }
    }
    if (current != null) {
      cases.add(new Case(start, current));
    }
    return cases;
  }
}
