package io.mailsec.detect;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which rules an administrator enabled or disabled ({@code rules enable/disable ID}), kept in
 * {@code rules-state.json} of the data directory as {@code {"rule-id": true|false}}. Rules not
 * listed keep the {@code enabled} of their file. Written atomically (temp file, then move).
 */
public final class RuleStates {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RuleStates() {}

  public static Map<String, Boolean> load(Path file) {
    if (!Files.exists(file)) {
      return Map.of();
    }
    try {
      return Map.copyOf(
          JSON.readValue(file.toFile(), new TypeReference<Map<String, Boolean>>() {}));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Records one rule's state and returns all states. */
  public static Map<String, Boolean> set(Path file, String ruleId, boolean enabled) {
    Map<String, Boolean> states = new TreeMap<>(load(file));
    states.put(ruleId, enabled);
    return write(file, states);
  }

  /** Forgets one rule's override (its file's {@code enabled} applies again); returns all states. */
  public static Map<String, Boolean> remove(Path file, String ruleId) {
    Map<String, Boolean> states = new TreeMap<>(load(file));
    if (states.remove(ruleId) == null) {
      return Map.copyOf(states);
    }
    return write(file, states);
  }

  private static Map<String, Boolean> write(Path file, Map<String, Boolean> states) {
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      JSON.writeValue(tmp.toFile(), states);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
    return Map.copyOf(states);
  }
}
