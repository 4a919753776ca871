package io.mailsec.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mailsec.core.Durations;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Site-specific settings of detection, from {@code detection.yaml} in the data directory:
 *
 * <ul>
 *   <li>{@code lists}: named lists of values that rules reference as {@code $name}, e.g. {@code
 *       to_email_address IN $finance_recipients}. The built-in rules use {@code
 *       finance_recipients}, {@code executive_recipients} and {@code internal_domains}; they are
 *       always defined (empty unless configured).
 *   <li>{@code stream_silence_after}: how long a collection stream may deliver no data before the
 *       "stream stopped delivering" alert is raised (default 2h).
 *   <li>{@code webhook.url}: where new alerts are posted as JSON (none by default), and either
 *       {@code webhook.token_env}: the name of an environment variable holding a bearer token for
 *       it, or {@code webhook.token_file}: the absolute path of a file holding it, read at every
 *       post (the token itself is never written in this file).
 * </ul>
 *
 * Values of lists are lower-cased (queries compare case-insensitively anyway). Immutable.
 */
public record DetectionConfig(
    Map<String, List<String>> lists,
    Duration streamSilenceAfter,
    URI webhookUrl,
    String webhookTokenEnv,
    Path webhookTokenFile) {
  /** List names the built-in rules refer to. */
  public static final List<String> BUILTIN_LISTS =
      List.of("finance_recipients", "executive_recipients", "internal_domains");

  public static final DetectionConfig DEFAULTS =
      new DetectionConfig(Map.of(), Duration.ofHours(2), null, null, null);

  private static final List<String> TOP_KEYS = List.of("lists", "stream_silence_after", "webhook");
  private static final List<String> WEBHOOK_KEYS = List.of("url", "token_env", "token_file");

  public DetectionConfig {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    BUILTIN_LISTS.forEach(n -> copy.put(n, List.of()));
    lists.forEach(
        (k, v) -> copy.put(k, v.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList()));
    lists = Map.copyOf(copy);
    if (streamSilenceAfter.isNegative() || streamSilenceAfter.isZero()) {
      throw new IllegalArgumentException("stream_silence_after must be positive");
    }
  }

  /** The named list, if configured (built-in names always are). */
  public Optional<List<String>> list(String name) {
    return Optional.ofNullable(lists.get(name));
  }

  /** The same config with one list replaced. */
  public DetectionConfig withList(String name, List<String> values) {
    Map<String, List<String>> copy = new LinkedHashMap<>(lists);
    copy.put(name, values);
    return new DetectionConfig(
        copy, streamSilenceAfter, webhookUrl, webhookTokenEnv, webhookTokenFile);
  }

  /** Reads the file, or the defaults when it does not exist. */
  public static DetectionConfig load(Path file) throws IOException {
    if (!Files.exists(file)) {
      return DEFAULTS;
    }
    return parse(Files.readString(file), file.getFileName().toString());
  }

  /**
   * A misspelt key would otherwise be ignored silently, e.g. a webhook that never fires; the
   * message names the key and the keys that are allowed there.
   */
  private static void requireKnownKeys(
      JsonNode node, List<String> known, String prefix, String origin) {
    for (String key : (Iterable<String>) node::fieldNames) {
      if (!known.contains(key)) {
        throw new IllegalArgumentException(
            origin
                + ": unknown key '"
                + prefix
                + key
                + "' (known: "
                + known.stream().map(k -> prefix + k).collect(Collectors.joining(", "))
                + ")");
      }
    }
  }

  /**
   * @throws IllegalArgumentException naming the problem; the message starts with {@code origin}
   */
  public static DetectionConfig parse(String yaml, String origin) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    } catch (IOException e) {
      throw new IllegalArgumentException(origin + ": not valid YAML: " + e.getMessage());
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return DEFAULTS;
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(origin + ": expected a mapping at the top");
    }
    requireKnownKeys(root, TOP_KEYS, "", origin);
    Map<String, List<String>> lists = new LinkedHashMap<>();
    JsonNode listsNode = root.path("lists");
    if (!listsNode.isMissingNode() && !listsNode.isNull()) {
      if (!listsNode.isObject()) {
        throw new IllegalArgumentException(origin + ": 'lists' must map names to lists");
      }
      for (Map.Entry<String, JsonNode> entry : listsNode.properties()) {
        if (!entry.getKey().matches("[a-z][a-z0-9_]*")) {
          throw new IllegalArgumentException(
              origin + ": list name '" + entry.getKey() + "' must be lower_snake_case");
        }
        List<String> values = new ArrayList<>();
        JsonNode node = entry.getValue();
        if (node.isArray()) {
          node.forEach(v -> values.add(v.asText()));
        } else if (!node.isNull()) {
          throw new IllegalArgumentException(
              origin + ": list '" + entry.getKey() + "' must be a YAML list");
        }
        lists.put(entry.getKey(), values);
      }
    }
    Duration silence = DEFAULTS.streamSilenceAfter();
    JsonNode silenceNode = root.path("stream_silence_after");
    if (silenceNode.isTextual()) {
      try {
        silence = Durations.parse(silenceNode.asText(), "stream_silence_after");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(origin + ": " + e.getMessage());
      }
    } else if (!silenceNode.isMissingNode() && !silenceNode.isNull()) {
      throw new IllegalArgumentException(
          origin + ": stream_silence_after must be a duration with a unit, e.g. 2h");
    }
    URI webhook = null;
    String tokenEnv = null;
    Path tokenFile = null;
    JsonNode hook = root.path("webhook");
    if (hook.isObject()) {
      requireKnownKeys(hook, WEBHOOK_KEYS, "webhook.", origin);
      String url = hook.path("url").asText("");
      if (!url.isBlank()) {
        try {
          webhook = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(origin + ": webhook.url is not a URL: " + url);
        }
        if (!"http".equals(webhook.getScheme()) && !"https".equals(webhook.getScheme())) {
          throw new IllegalArgumentException(origin + ": webhook.url must be http or https");
        }
      }
      tokenEnv = hook.path("token_env").isTextual() ? hook.get("token_env").asText() : null;
      if (hook.path("token_file").isTextual()) {
        if (tokenEnv != null) {
          throw new IllegalArgumentException(
              origin + ": webhook: give token_env or token_file, not both");
        }
        try {
          tokenFile = Path.of(hook.get("token_file").asText().strip());
        } catch (InvalidPathException e) {
          throw new IllegalArgumentException(origin + ": webhook.token_file is not a path");
        }
        if (!tokenFile.isAbsolute()) {
          throw new IllegalArgumentException(
              origin + ": webhook.token_file must be an absolute path: " + tokenFile);
        }
      }
    }
    try {
      return new DetectionConfig(lists, silence, webhook, tokenEnv, tokenFile);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + ": " + e.getMessage());
    }
  }
}
