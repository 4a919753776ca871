package io.mailsec.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.core.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Golden cases under {@code src/test/resources/golden/<family>/}: {@code <case>.input} is the raw
 * input, {@code <case>.context.json} (optional, merged over the family's {@code
 * _defaults.context.json}) the normalization context, {@code <case>.expected.json} the expected
 * output {@code {"events":[...],"quarantined":[...]}}.
 *
 * <p>Context keys: {@code tenant_id}, {@code integration_id}, {@code data_type}, {@code
 * api_version}, {@code siem_file_type}, {@code feed_type}, {@code ingest_time}, {@code
 * internal_domains}, {@code internal_networks}, {@code origin}, and {@code input_mode}: {@code
 * single} (default: the whole file is one input, minus one final newline), {@code lines} (each
 * non-empty line is one input) or {@code csv} (first line is the header, every other non-empty line
 * a row).
 */
final class GoldenFiles {
  static final Path ROOT = Path.of("src", "test", "resources", "golden");
  static final String REWRITE_PROPERTY = "mailsec.golden.rewrite";

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final MimecastNormalizer NORMALIZER = new MimecastNormalizer();

  private GoldenFiles() {}

  record Case(String family, String name, Path dir) {
    Path input() {
      return dir.resolve(name + ".input");
    }

    Path expected() {
      return dir.resolve(name + ".expected.json");
    }

    @Override
    public String toString() {
      return family + "/" + name;
    }
  }

  static List<Case> cases() {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".input"))
          .sorted()
          .map(
              p -> {
                String file = p.getFileName().toString();
                return new Case(
                    ROOT.relativize(p.getParent()).toString(),
                    file.substring(0, file.length() - ".input".length()),
                    p.getParent());
              })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the normalizer on a case and returns the output in the golden JSON shape. */
  static ObjectNode run(Case c) {
    ObjectNode ctxJson = context(c);
    NormalizationContext ctx = toContext(ctxJson);
    String input = read(c.input());
    if (input.endsWith("\n")) {
      input = input.substring(0, input.length() - 1);
    }
    NormalizationResult result = new NormalizationResult(List.of(), List.of());
    String mode = ctxJson.path("input_mode").asText("single");
    switch (mode) {
      case "single" -> result = NORMALIZER.normalize(input, ctx);
      case "lines" -> {
        int n = 0;
        for (String line : input.split("\n", -1)) {
          n++;
          if (!line.isBlank()) {
            result = result.plus(NORMALIZER.normalize(line, ctx.withOrigin(origin(ctx, n))));
          }
        }
      }
      case "csv" -> {
        String[] lines = input.split("\n", -1);
        for (int i = 1; i < lines.length; i++) {
          if (!lines[i].isBlank()) {
            result =
                result.plus(
                    NORMALIZER.normalizeCsvRow(
                        lines[0], lines[i], ctx.withOrigin(origin(ctx, i + 1))));
          }
        }
      }
      default -> throw new IllegalArgumentException("unknown input_mode " + mode);
    }
    return toJson(result);
  }

  static ObjectNode toJson(NormalizationResult result) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    ArrayNode events = out.putArray("events");
    result.events().forEach(e -> events.add(EventJson.toTree(e)));
    ArrayNode quarantined = out.putArray("quarantined");
    result.quarantined().forEach(q -> quarantined.add(EventJson.toTree(q)));
    return out;
  }

  static JsonNode readExpected(Case c) {
    try {
      return MAPPER.readTree(read(c.expected()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void writeExpected(Case c, JsonNode actual) {
    try {
      Files.writeString(
          c.expected(), MAPPER.writeValueAsString(actual) + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Flattens JSON into {@code path = value} lines, e.g. {@code
   * events[0].fields.attachments[1].sha256 = "ab..."}, so differences read field by field.
   */
  static Map<String, String> flatten(JsonNode node) {
    Map<String, String> out = new TreeMap<>();
    flatten(node, "", out);
    return out;
  }

  private static void flatten(JsonNode node, String path, Map<String, String> out) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e ->
                  flatten(
                      e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
      if (node.isEmpty()) {
        out.put(path, "{}");
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(node.get(i), path + "[" + i + "]", out);
      }
      if (node.isEmpty()) {
        out.put(path, "[]");
      }
    } else {
      out.put(path, node.toString());
    }
  }

  /** A readable field-by-field diff, empty when equal. */
  static String diff(JsonNode expected, JsonNode actual) {
    Map<String, String> e = flatten(expected);
    Map<String, String> a = flatten(actual);
    Set<String> paths = new TreeSet<>(e.keySet());
    paths.addAll(a.keySet());
    StringBuilder diff = new StringBuilder();
    for (String path : paths) {
      String ev = e.get(path);
      String av = a.get(path);
      if (ev == null) {
        diff.append("  + ").append(path).append(" = ").append(av).append(" (unexpected)\n");
      } else if (av == null) {
        diff.append("  - ").append(path).append(" = ").append(ev).append(" (missing)\n");
      } else if (!ev.equals(av)) {
        diff.append("  ~ ")
            .append(path)
            .append(": expected ")
            .append(ev)
            .append(", got ")
            .append(av)
            .append('\n');
      }
    }
    return diff.toString();
  }

  static ObjectNode context(Case c) {
    ObjectNode merged = JsonNodeFactory.instance.objectNode();
    Path defaults = c.dir().resolve("_defaults.context.json");
    Path own = c.dir().resolve(c.name() + ".context.json");
    for (Path p : List.of(defaults, own)) {
      if (Files.exists(p)) {
        try {
          merged.setAll((ObjectNode) MAPPER.readTree(read(p)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return merged;
  }

  static NormalizationContext toContext(JsonNode json) {
    DataType dataType =
        DataType.fromWireName(json.path("data_type").asText())
            .orElseThrow(() -> new IllegalArgumentException("context needs a valid data_type"));
    List<String> domains = new ArrayList<>();
    json.path("internal_domains").forEach(d -> domains.add(d.asText()));
    List<Cidr> networks = new ArrayList<>();
    json.path("internal_networks").forEach(n -> networks.add(Cidr.parse(n.asText())));
    return NormalizationContext.builder(
            json.path("tenant_id").asText("tenant-1"),
            json.path("integration_id").asText("mimecast2.0demo"),
            dataType)
        .apiVersion(ApiVersion.fromWireName(json.path("api_version").asText("2.0")).orElseThrow())
        .siemFileType(
            json.hasNonNull("siem_file_type") ? json.get("siem_file_type").asText() : null)
        .feedType(json.hasNonNull("feed_type") ? json.get("feed_type").asText() : null)
        .ingestTime(Instant.parse(json.path("ingest_time").asText("2024-11-14T12:00:00Z")))
        .internalDomains(Set.copyOf(domains))
        .internalNetworks(networks)
        .origin(json.hasNonNull("origin") ? json.get("origin").asText() : null)
        .build();
  }

  private static String origin(NormalizationContext ctx, int line) {
    return (ctx.origin() == null ? "" : ctx.origin() + " ") + "line " + line;
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
