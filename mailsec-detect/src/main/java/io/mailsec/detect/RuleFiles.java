package io.mailsec.detect;

import io.mailsec.detect.rule.RuleException;
import io.mailsec.detect.rule.RuleParser;
import io.mailsec.detect.rule.RuleSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection files of a data directory: {@code detection.yaml} (lists, silence, webhook), custom
 * rules in {@code rules/*.yaml} and enable/disable overrides in {@code rules-state.json}, which the
 * server, the CLI and an administrator's editor may all change. {@link #loadIfChanged} notices a
 * change by any process from the files' stamps (name, modification time, size and file key: every
 * atomic rewrite is a new file, so two rewrites in one clock tick still differ). A load reads the
 * config and compiles the rules against it, so a changed list also changes the rules that use it.
 * Custom rules written here are written atomically (temporary file, then rename), so a reader never
 * sees half a rule. Thread-safe.
 */
public final class RuleFiles {
  private static final Logger LOG = LoggerFactory.getLogger(RuleFiles.class);

  private final Path configFile;
  private final Path rulesDir;
  private final Path stateFile;
  private List<List<Object>> loadedStamp;
  private List<List<Object>> failedStamp;
  private String loadProblem;

  public RuleFiles(Path dataDir) {
    this.configFile = dataDir.resolve(Detection.CONFIG_FILE);
    this.rulesDir = dataDir.resolve(Detection.RULES_DIR);
    this.stateFile = dataDir.resolve(Detection.STATE_FILE);
  }

  public Path configFile() {
    return configFile;
  }

  public Path rulesDir() {
    return rulesDir;
  }

  public Path stateFile() {
    return stateFile;
  }

  /**
   * Loads the config and the rules now and remembers the files' stamp as loaded.
   *
   * @throws IllegalArgumentException when detection.yaml cannot be used (the message names it)
   * @throws RuleException when a rule file cannot be used, or a rule refers to a list the config
   *     does not define
   * @throws UncheckedIOException when a file cannot be read
   */
  public synchronized DetectionSetup load() {
    List<List<Object>> stamp = stamp();
    try {
      DetectionConfig config = DetectionConfig.load(configFile);
      RuleSet rules = RuleSet.load(config, rulesDir, RuleStates.load(stateFile));
      loadedStamp = stamp;
      failedStamp = null;
      loadProblem = null;
      return new DetectionSetup(config, rules);
    } catch (IOException e) {
      failedStamp = stamp;
      loadProblem = "cannot read " + Detection.CONFIG_FILE + ": " + e;
      throw new UncheckedIOException(loadProblem, e);
    } catch (IllegalArgumentException | RuleException | UncheckedIOException e) {
      failedStamp = stamp;
      loadProblem = e.getMessage();
      throw e;
    }
  }

  /**
   * The config and rules, when the files changed since the last load; empty when they did not, or
   * when they changed into something that cannot be used (then the problem is logged once and kept
   * in {@link #loadProblem}, and the caller keeps the config and rules it has).
   */
  public synchronized Optional<DetectionSetup> loadIfChanged() {
    List<List<Object>> stamp = stamp();
    if (stamp.equals(loadedStamp) || stamp.equals(failedStamp)) {
      return Optional.empty();
    }
    try {
      return Optional.of(load());
    } catch (IllegalArgumentException | RuleException | UncheckedIOException e) {
      LOG.warn(
          "the changed detection files are not used, the previous config and rules stay: {}",
          e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * Why the current files could not be loaded, when the last attempt failed: the first problem
   * found, in detection.yaml or in a rule file (the message names the file).
   */
  public synchronized Optional<String> loadProblem() {
    return Optional.ofNullable(loadProblem);
  }

  /**
   * The file a new custom rule of this id is written to: {@code rules/<id>.yaml}.
   *
   * @throws IllegalArgumentException when the id is not a valid rule id (so never a path that
   *     leaves the rules directory)
   */
  public Path fileFor(String id) {
    if (!RuleParser.isValidId(id)) {
      throw new IllegalArgumentException(
          "a rule id is 2-80 lower-case letters, digits and dashes, starting with a letter or digit");
    }
    Path file = rulesDir.resolve(id + ".yaml").normalize();
    if (!rulesDir.equals(file.getParent())) {
      throw new IllegalArgumentException("the rule id does not name a file in the rules directory");
    }
    return file;
  }

  /**
   * The file a custom rule was loaded from, given its origin (the file name the loader recorded).
   */
  public Optional<Path> customFile(String origin) {
    if (origin == null || origin.startsWith("builtin:") || origin.contains("/")) {
      return Optional.empty();
    }
    Path file = rulesDir.resolve(origin).normalize();
    return rulesDir.equals(file.getParent()) && Files.isRegularFile(file)
        ? Optional.of(file)
        : Optional.empty();
  }

  /** Writes a custom rule file atomically, creating the rules directory if needed. */
  public void write(Path file, String yaml) {
    try {
      Files.createDirectories(rulesDir);
      Path tmp = rulesDir.resolve("." + file.getFileName() + ".tmp");
      Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file.getFileName(), e);
    }
  }

  /** Deletes a custom rule file; false when it was not there. */
  public boolean delete(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file.getFileName(), e);
    }
  }

  /** What identifies this version of the detection files. */
  private List<List<Object>> stamp() {
    List<List<Object>> stamp = new ArrayList<>();
    stamp.add(stampOf(configFile));
    stamp.add(stampOf(stateFile));
    if (Files.isDirectory(rulesDir)) {
      try (Stream<Path> files = Files.list(rulesDir)) {
        for (Path file :
            files
                .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                .sorted()
                .toList()) {
          stamp.add(stampOf(file));
        }
      } catch (IOException e) {
        stamp.add(List.of("unreadable", e.toString()));
      }
    }
    return stamp;
  }

  private static List<Object> stampOf(Path file) {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      List<Object> s = new ArrayList<>();
      s.add(file.getFileName().toString());
      s.add(a.lastModifiedTime());
      s.add(a.size());
      s.add(String.valueOf(a.fileKey()));
      return s;
    } catch (NoSuchFileException gone) {
      return List.of(file.getFileName().toString(), "missing");
    } catch (IOException e) {
      return List.of(file.getFileName().toString(), e.toString());
    }
  }
}
