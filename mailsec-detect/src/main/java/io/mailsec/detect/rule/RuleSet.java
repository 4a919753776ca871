package io.mailsec.detect.rule;

import io.mailsec.core.ql.QueryLanguage;
import io.mailsec.detect.DetectionConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The rules detection runs: the built-in pack (classpath {@code rules/*.yaml}, listed in {@code
 * rules/index.txt}) plus custom rule files of a directory, compiled against the detection config,
 * with per-rule enable/disable overrides applied. Immutable.
 */
public final class RuleSet {
  static final String BUILTIN_INDEX = "rules/index.txt";

  private final Map<String, CompiledRule> rules;

  private RuleSet(Map<String, CompiledRule> rules) {
    this.rules = rules;
  }

  /** A rule set of exactly these compiled rules (ids must be distinct). */
  public static RuleSet of(List<CompiledRule> compiled) {
    Map<String, CompiledRule> map = new LinkedHashMap<>();
    for (CompiledRule rule : compiled) {
      if (map.put(rule.id(), rule) != null) {
        throw new RuleException(rule.rule().origin(), List.of("duplicate rule id " + rule.id()));
      }
    }
    return new RuleSet(Map.copyOf(map));
  }

  /**
   * Built-in rules plus every {@code *.yaml}/{@code *.yml} of {@code customDir} (may be null or
   * missing), with {@code enabledOverrides} (rule id to on/off) applied.
   *
   * @throws RuleException for the first file that cannot be used, or a duplicate id
   * @throws UncheckedIOException when the directory cannot be read
   */
  public static RuleSet load(
      DetectionConfig config, Path customDir, Map<String, Boolean> enabledOverrides) {
    QueryLanguage language = QueryLanguage.standard();
    List<CompiledRule> compiled = new ArrayList<>();
    for (Rule rule : builtInRules()) {
      compiled.add(CompiledRule.compile(override(rule, enabledOverrides), config, language));
    }
    for (Rule rule : customRules(customDir)) {
      compiled.add(CompiledRule.compile(override(rule, enabledOverrides), config, language));
    }
    return of(compiled);
  }

  private static Rule override(Rule rule, Map<String, Boolean> overrides) {
    Boolean on = overrides.get(rule.id());
    return on == null ? rule : rule.withEnabled(on);
  }

  /** The built-in pack, parsed (not compiled). */
  public static List<Rule> builtInRules() {
    List<Rule> out = new ArrayList<>();
    for (String file : builtInFiles()) {
      out.add(RuleParser.parse(resource("rules/" + file), "builtin:" + file));
    }
    return out;
  }

  /**
   * The YAML text of a built-in rule, by the origin it was loaded with ({@code builtin:<file>}).
   */
  public static Optional<String> builtInSource(String origin) {
    if (origin == null || !origin.startsWith("builtin:")) {
      return Optional.empty();
    }
    String file = origin.substring("builtin:".length());
    return builtInFiles().contains(file)
        ? Optional.of(resource("rules/" + file))
        : Optional.empty();
  }

  /** Whether a rule came with mailsec rather than from the rules directory. */
  public static boolean isBuiltIn(Rule rule) {
    return rule.origin().startsWith("builtin:");
  }

  /** File names of the built-in pack, in index order. */
  public static List<String> builtInFiles() {
    List<String> files = new ArrayList<>();
    for (String line : resource(BUILTIN_INDEX).split("\n")) {
      String name = line.strip();
      if (!name.isEmpty() && !name.startsWith("#")) {
        files.add(name);
      }
    }
    return files;
  }

  /** The rule files of a directory, parsed, sorted by file name. */
  public static List<Rule> customRules(Path dir) {
    List<Rule> out = new ArrayList<>();
    if (dir == null || !Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file :
          files
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList()) {
        out.add(RuleParser.parse(Files.readString(file), file.getFileName().toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the rules directory " + dir, e);
    }
    return out;
  }

  private static String resource(String name) {
    try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing built-in resource " + name);
      }
      StringBuilder out = new StringBuilder();
      try (BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        reader.lines().forEach(l -> out.append(l).append('\n'));
      }
      return out.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every rule, enabled or not, built-in first then custom, each group in load order. */
  public List<CompiledRule> all() {
    return rules.values().stream()
        .sorted(
            (a, b) -> {
              boolean ab = a.rule().origin().startsWith("builtin:");
              boolean bb = b.rule().origin().startsWith("builtin:");
              return ab == bb ? a.id().compareTo(b.id()) : ab ? -1 : 1;
            })
        .toList();
  }

  public List<CompiledRule> enabled() {
    return all().stream().filter(r -> r.rule().enabled()).toList();
  }

  public Optional<CompiledRule> get(String id) {
    return Optional.ofNullable(rules.get(id));
  }
}
