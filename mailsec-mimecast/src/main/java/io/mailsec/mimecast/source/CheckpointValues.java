package io.mailsec.mimecast.source;

import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.StreamId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the entries a source wrote into its checkpoint. A value the source cannot have written (a
 * hand-edited or foreign checkpoint) fails loudly with a message that names the stream, instead of
 * silently restarting somewhere else.
 */
final class CheckpointValues {
  private final StreamId stream;
  private final Map<String, String> values;

  private CheckpointValues(StreamId stream, Map<String, String> values) {
    this.stream = stream;
    this.values = values;
  }

  static CheckpointValues of(Optional<Checkpoint> checkpoint, StreamId stream) {
    return new CheckpointValues(stream, checkpoint.map(Checkpoint::values).orElse(Map.of()));
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  /** The text of a key, or null. */
  String text(String key) {
    return values.get(key);
  }

  /** A non-negative count, 0 when absent. */
  long count(String key) {
    String text = values.get(key);
    if (text == null) {
      return 0;
    }
    try {
      long value = Long.parseLong(text);
      if (value >= 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(key, text);
  }

  /** An ISO-8601 instant, or null when absent. */
  Instant instant(String key) {
    String text = values.get(key);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(key, text);
    }
  }

  /** An ISO-8601 date, or null when absent. */
  LocalDate day(String key) {
    String text = values.get(key);
    if (text == null) {
      return null;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw invalid(key, text);
    }
  }

  boolean flag(String key) {
    return "true".equals(values.get(key));
  }

  private IllegalStateException invalid(String key, String text) {
    return new IllegalStateException(
        "The checkpoint of stream "
            + stream
            + " has an invalid value for '"
            + key
            + "' ("
            + text
            + "); it was not written by this version of mailsec. Reset the stream's checkpoint.");
  }

  /** Collects entries for a new checkpoint; null values are left out. */
  static final class Writer {
    private final Map<String, String> values = new LinkedHashMap<>();

    Writer put(String key, Object value) {
      if (value != null) {
        values.put(key, value.toString());
      }
      return this;
    }

    /** Puts a count, leaving it out when it is 0 (the reader's default). */
    Writer count(String key, long value) {
      if (value != 0) {
        values.put(key, Long.toString(value));
      }
      return this;
    }

    Writer flag(String key, boolean value) {
      if (value) {
        values.put(key, "true");
      }
      return this;
    }

    Checkpoint build() {
      return new Checkpoint(values);
    }
  }
}
