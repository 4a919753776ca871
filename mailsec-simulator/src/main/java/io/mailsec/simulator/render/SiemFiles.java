package io.mailsec.simulator.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Byte layouts of log files: 1.0 JSON and key_value files, 2.0 NDJSON, ZIP and gzip containers.
 *
 * <p>{@code brokenIndex} (or -1) names a record to corrupt for the {@code malformed-line} fault:
 * the record is cut in half, as a transfer that lost bytes would leave it.
 */
public final class SiemFiles {
  private SiemFiles() {}

  /** A file inside a ZIP archive. */
  public record NamedFile(String name, byte[] content) {}

  /**
   * A 1.0 JSON file: {@code {"data":[...]}} on one line. With {@code twoDocuments} the records are
   * split over two such objects written back to back on the same line, a layout some 1.0 files have
   * and that a parser reading a single JSON value silently truncates.
   */
  public static byte[] json(
      List<Map<String, Object>> records, boolean twoDocuments, int brokenIndex) {
    List<String> texts = texts(records, brokenIndex);
    String body;
    if (twoDocuments && texts.size() >= 2) {
      int half = texts.size() / 2;
      body = document(texts.subList(0, half)) + document(texts.subList(half, texts.size()));
    } else {
      body = document(texts);
    }
    return (body + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String document(List<String> texts) {
    return "{\"data\":[" + String.join(",", texts) + "]}";
  }

  /** A 1.0 key_value file: one record per line, {@code key=value} pairs joined by {@code |}. */
  public static byte[] keyValue(List<Map<String, Object>> records, int brokenIndex) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < records.size(); i++) {
      StringBuilder line = new StringBuilder();
      for (Map.Entry<String, Object> field : records.get(i).entrySet()) {
        if (line.length() > 0) {
          line.append('|');
        }
        Object value = field.getValue();
        line.append(field.getKey())
            .append('=')
            .append(value instanceof Map ? Json.write(value) : String.valueOf(value));
      }
      out.append(i == brokenIndex ? cut(line.toString()) : line).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Newline-delimited JSON, one record per line. */
  public static byte[] ndjson(List<Map<String, Object>> records, int brokenIndex) {
    StringBuilder out = new StringBuilder();
    for (String text : texts(records, brokenIndex)) {
      out.append(text).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> texts(List<Map<String, Object>> records, int brokenIndex) {
    List<String> texts = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      String text = Json.write(records.get(i));
      texts.add(i == brokenIndex ? cut(text) : text);
    }
    return texts;
  }

  private static String cut(String text) {
    return text.substring(0, text.length() / 2);
  }

  /** A gzip file (not a content-encoding); the header has no timestamp, so bytes are stable. */
  public static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
      gzip.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * A ZIP archive; entry times are fixed (UTC wall time) so bytes do not depend on the host zone.
   */
  public static byte[] zip(List<NamedFile> files, LocalDateTime entryTimeUtc) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (NamedFile file : files) {
        ZipEntry entry = new ZipEntry(file.name());
        entry.setTimeLocal(entryTimeUtc);
        zip.putNextEntry(entry);
        zip.write(file.content());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
