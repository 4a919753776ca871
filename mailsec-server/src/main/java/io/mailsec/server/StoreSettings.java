package io.mailsec.server;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The optional {@code store.properties} of a data directory, read each time the store is opened.
 * One key so far: {@code substring-index = on | off} (default on). Off makes new events cheaper to
 * index (no n-grams; docs/performance.md) and CONTAINS on text fields slower (it walks the term
 * dictionary for them), with the same results; it may be changed between restarts. An unknown key
 * or value fails the opening, so a typo cannot silently keep the default.
 *
 * @param substringIndex whether new events get the n-gram index of CONTAINS
 */
public record StoreSettings(boolean substringIndex) {
  public static final String FILE_NAME = "store.properties";
  static final String SUBSTRING_INDEX = "substring-index";

  public static StoreSettings read(Path dataDirectory) {
    Path file = dataDirectory.resolve(FILE_NAME);
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      return new StoreSettings(true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    for (String key : properties.stringPropertyNames()) {
      if (!key.equals(SUBSTRING_INDEX)) {
        throw new IllegalArgumentException(
            file + ": unknown setting '" + key + "' (known: " + SUBSTRING_INDEX + ")");
      }
    }
    String value = properties.getProperty(SUBSTRING_INDEX, "on").strip();
    String folded = value.toLowerCase(Locale.ROOT);
    if (!Set.of("on", "off").contains(folded)) {
      throw new IllegalArgumentException(
          file + ": " + SUBSTRING_INDEX + " must be on or off, not '" + value + "'");
    }
    return new StoreSettings(folded.equals("on"));
  }
}
