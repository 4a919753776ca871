package io.mailsec.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** Pages through the simulator's APIs the way a collector would, returning raw records. */
final class Harvest {
  private Harvest() {}

  /** A 1.0 SIEM file as served: its name, bytes and records (JSON objects or key_value maps). */
  record SiemFile(String name, byte[] content, List<JsonNode> records) {}

  /** The files of a get-siem-logs run and the token the caught-up reply said to resume from. */
  record SiemRun(List<SiemFile> files, String resumeToken) {}

  /** Calls get-siem-logs until the caught-up reply; returns every file (ZIP entries unpacked). */
  static List<SiemFile> siemLogs(SimClient client, String fileFormat, boolean compress) {
    return siemRun(client, fileFormat, compress, null).files();
  }

  static SiemRun siemRun(SimClient client, String fileFormat, boolean compress, String startToken) {
    List<SiemFile> files = new ArrayList<>();
    String token = startToken;
    for (int call = 0; call < 10_000; call++) {
      String item =
          "{\"type\":\"MTA\",\"fileFormat\":\""
              + fileFormat
              + "\",\"compress\":"
              + compress
              + (token == null ? "" : ",\"token\":\"" + token + "\"")
              + "}";
      HttpResponse<byte[]> response =
          client.api1("/api/audit/get-siem-logs", "{\"data\":[" + item + "]}");
      assertThat(response.statusCode()).isEqualTo(200);
      token = response.headers().firstValue("mc-siem-token").orElseThrow();
      String contentType = response.headers().firstValue("content-type").orElse("");
      if (contentType.startsWith("application/json")) {
        JsonNode body = SimClient.json(response);
        assertThat(body.path("meta").path("isLastToken").asBoolean()).isTrue();
        return new SiemRun(files, token);
      }
      String disposition = response.headers().firstValue("content-disposition").orElseThrow();
      String name =
          disposition.substring(disposition.indexOf("filename=\"") + 10, disposition.length() - 1);
      if (compress) {
        assertThat(name).endsWith(".zip");
        files.addAll(unzip(response.body(), fileFormat));
      } else {
        files.add(new SiemFile(name, response.body(), parseSiemFile(response.body(), fileFormat)));
      }
    }
    throw new AssertionError("get-siem-logs never caught up");
  }

  static List<SiemFile> unzip(byte[] zip, String fileFormat) {
    List<SiemFile> files = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        byte[] content = in.readAllBytes();
        files.add(new SiemFile(entry.getName(), content, parseSiemFile(content, fileFormat)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  /**
   * Parses every {@code {"data":[...]}} object in a JSON file, or every key_value line; format
   * {@code raw} parses nothing (for other ZIP contents).
   */
  static List<JsonNode> parseSiemFile(byte[] content, String fileFormat) {
    List<JsonNode> records = new ArrayList<>();
    if (fileFormat.equals("raw")) {
      return records;
    }
    if (fileFormat.equals("json")) {
      try (MappingIterator<JsonNode> documents =
          SimClient.JSON.readerFor(JsonNode.class).readValues(content)) {
        while (documents.hasNext()) {
          documents.next().path("data").forEach(records::add);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return records;
    }
    for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      assertThat(line).startsWith("datetime=");
      ObjectNode record = SimClient.JSON.createObjectNode();
      for (String pair : line.split("\\|")) {
        int eq = pair.indexOf('=');
        record.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
      records.add(record);
    }
    return records;
  }

  /** Lists every batch file URL until caught up. */
  static List<String> batchUrls(SimClient client, String token, String query) {
    List<String> urls = new ArrayList<>();
    String next = null;
    for (int call = 0; call < 10_000; call++) {
      String q = query + (next == null ? "" : "&nextPage=" + SimClient.enc(next));
      JsonNode page = SimClient.json(client.api2Get(token, "/siem/v1/batch/events/cg?" + q));
      assertThat(page.has("@nextPage")).isTrue();
      page.path("value").forEach(v -> urls.add(v.path("url").asText()));
      next = page.path("@nextPage").asText();
      if (page.path("isCaughtUp").asBoolean()) {
        return urls;
      }
    }
    throw new AssertionError("batch listing never caught up");
  }

  /** Downloads a batch file and returns its NDJSON lines. */
  static List<String> batchLines(SimClient client, String url) {
    HttpResponse<byte[]> file = client.get(url);
    assertThat(file.statusCode()).isEqualTo(200);
    return ndjsonLines(gunzip(file.body()));
  }

  static byte[] gunzip(byte[] gzip) {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> ndjsonLines(byte[] content) {
    List<String> lines = new ArrayList<>();
    for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  static JsonNode parse(String json) {
    try {
      return SimClient.JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pages through the stream endpoint; returns every event as served (duplicates included). */
  static List<JsonNode> stream(
      SimClient client, String token, String query, List<Boolean> overlaps) {
    List<JsonNode> events = new ArrayList<>();
    String next = null;
    JsonNode previousLast = null;
    for (int call = 0; call < 10_000; call++) {
      String q = query + (next == null ? "" : "&nextPage=" + SimClient.enc(next));
      HttpResponse<byte[]> response = client.api2Get(token, "/siem/v1/events/cg?" + q);
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode page = SimClient.json(response);
      JsonNode value = page.path("value");
      if (previousLast != null && value.size() > 0) {
        overlaps.add(value.get(0).equals(previousLast));
      }
      value.forEach(events::add);
      if (value.size() > 0) {
        previousLast = value.get(value.size() - 1);
      }
      next = page.path("@nextPage").asText();
      if (page.path("isCaughtUp").asBoolean()) {
        return events;
      }
    }
    throw new AssertionError("stream never caught up");
  }

  /** A page of a 1.0 log endpoint as returned, for tests that look at pagination. */
  record Page(JsonNode body, List<JsonNode> records) {}

  /** Pages a TTP endpoint to the end with the given first item; later pages send only the token. */
  static List<Page> ttpPages(
      SimClient client, String path, String arrayKey, String item, int pageSize) {
    List<Page> pages = new ArrayList<>();
    String token = null;
    for (int call = 0; call < 10_000; call++) {
      String body =
          token == null
              ? "{\"meta\":{\"pagination\":{\"pageSize\":"
                  + pageSize
                  + "}},\"data\":["
                  + item
                  + "]}"
              : "{\"meta\":{\"pagination\":{\"pageSize\":"
                  + pageSize
                  + ",\"pageToken\":\""
                  + token
                  + "\"}}}";
      JsonNode page = client.api1Json(path, body);
      assertThat(page.path("fail")).as("fail[] of %s", page).isEmpty();
      List<JsonNode> records = new ArrayList<>();
      JsonNode data = page.path("data");
      if (data.size() > 0) {
        data.get(0).path(arrayKey).forEach(records::add);
      }
      pages.add(new Page(page, records));
      JsonNode next = page.path("meta").path("pagination").path("next");
      if (next.isMissingNode()) {
        return pages;
      }
      token = next.asText();
    }
    throw new AssertionError("paging never ended");
  }

  /** Pages the audit endpoint to the end. */
  static List<JsonNode> audit(SimClient client, String item, int pageSize) {
    List<JsonNode> events = new ArrayList<>();
    String token = null;
    for (int call = 0; call < 10_000; call++) {
      String body =
          token == null
              ? "{\"meta\":{\"pagination\":{\"pageSize\":"
                  + pageSize
                  + "}},\"data\":["
                  + item
                  + "]}"
              : "{\"meta\":{\"pagination\":{\"pageSize\":"
                  + pageSize
                  + ",\"pageToken\":\""
                  + token
                  + "\"}}}";
      JsonNode page = client.api1Json("/api/audit/get-audit-events", body);
      assertThat(page.path("fail")).isEmpty();
      page.path("data").forEach(events::add);
      JsonNode next = page.path("meta").path("pagination").path("next");
      if (next.isMissingNode()) {
        return events;
      }
      token = next.asText();
    }
    throw new AssertionError("paging never ended");
  }

  /** A threat-feed file as served. */
  record FeedFile(String name, byte[] content, String token) {}

  /** Follows {@code x-mc-threat-feed-next-token} until the "No results" reply. */
  static List<FeedFile> feed(SimClient client, String feedType, String fileType, boolean compress) {
    List<FeedFile> files = new ArrayList<>();
    String token = null;
    for (int call = 0; call < 10_000; call++) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("feedType", feedType);
      item.put("fileType", fileType);
      item.put("compress", compress);
      if (token != null) {
        item.put("token", token);
      }
      HttpResponse<byte[]> response =
          client.api1("/api/ttp/threat-intel/get-feed", "{\"data\":[" + write(item) + "]}");
      assertThat(response.statusCode()).isEqualTo(200);
      var next = response.headers().firstValue("x-mc-threat-feed-next-token");
      if (next.isEmpty()) {
        JsonNode body = SimClient.json(response);
        assertThat(body.path("fail").get(0).path("errors").get(0).path("message").asText())
            .isEqualTo("No results found for threat intel feed.");
        return files;
      }
      String disposition = response.headers().firstValue("content-disposition").orElseThrow();
      String name =
          disposition.substring(disposition.indexOf("filename=\"") + 10, disposition.length() - 1);
      files.add(new FeedFile(name, response.body(), next.get()));
      token = next.get();
    }
    throw new AssertionError("feed never ended");
  }

  static String write(Object value) {
    try {
      return SimClient.JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
