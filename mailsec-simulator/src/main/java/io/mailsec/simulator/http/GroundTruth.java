package io.mailsec.simulator.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.mailsec.simulator.data.AttachmentScan;
import io.mailsec.simulator.data.AuditEvent;
import io.mailsec.simulator.data.DlpLog;
import io.mailsec.simulator.data.FeedType;
import io.mailsec.simulator.data.ImpersonationLog;
import io.mailsec.simulator.data.SiemEvent;
import io.mailsec.simulator.data.SimulatedAccount;
import io.mailsec.simulator.data.ThreatIndicator;
import io.mailsec.simulator.data.UrlClick;
import io.mailsec.simulator.render.Formats;
import io.mailsec.simulator.render.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /__sim/ground-truth?type=...[&from=...&to=...][&feedType=...]}: every logical record
 * available at the simulator's now, exactly once, as {@code {"id", "time", "key"}}. The key rules
 * per type are documented in docs/simulator.md and on the {@code groundTruthKey()} methods of the
 * data records. {@code from}/{@code to} (ISO-8601 or epoch millis, inclusive) filter by record
 * time.
 */
final class GroundTruth {
  private final SimulatedAccount account;

  GroundTruth(SimulatedAccount account) {
    this.account = account;
  }

  private record Entry(String id, Instant time, Map<String, Object> key) {}

  SimResponse respond(SimRequest request, Instant now) {
    String type = request.param("type");
    if (type == null) {
      return AdminHandler.error(400, "type is required: " + String.join(", ", types()));
    }
    Optional<Instant> from = bound(request.param("from"));
    Optional<Instant> to = bound(request.param("to"));
    if ((request.param("from") != null && from.isEmpty())
        || (request.param("to") != null && to.isEmpty())) {
      return AdminHandler.error(400, "from/to must be ISO-8601 instants or epoch milliseconds");
    }
    List<Entry> entries = new ArrayList<>();
    switch (type) {
      case "siem" -> {
        for (SiemEvent e : account.availableSiemEvents(now)) {
          entries.add(new Entry(e.id(), e.time(), e.groundTruthKey()));
        }
      }
      case "ttp-url" -> {
        for (UrlClick c : account.clicks(account.ttpRetentionStart(now), now, now)) {
          entries.add(new Entry(c.id(), c.date(), c.groundTruthKey()));
        }
      }
      case "ttp-attachment" -> {
        for (AttachmentScan s : account.attachmentScans(account.ttpRetentionStart(now), now, now)) {
          entries.add(new Entry(s.id(), s.date(), s.groundTruthKey()));
        }
      }
      case "ttp-impersonation" -> {
        for (ImpersonationLog l :
            account.impersonationLogs(account.ttpRetentionStart(now), now, now)) {
          entries.add(new Entry(l.id(), l.eventTime(), l.groundTruthKey()));
        }
      }
      case "dlp" -> {
        for (DlpLog l : account.dlpLogs(account.ttpRetentionStart(now), now, now)) {
          entries.add(new Entry(l.id(), l.eventTime(), l.groundTruthKey()));
        }
      }
      case "threat-intel" -> {
        Optional<FeedType> only =
            Optional.ofNullable(request.param("feedType")).flatMap(FeedType::fromApiName);
        if (request.param("feedType") != null && only.isEmpty()) {
          return AdminHandler.error(400, "feedType must be malware_customer or malware_grid");
        }
        for (FeedType feed : FeedType.values()) {
          if (only.isPresent() && only.get() != feed) {
            continue;
          }
          for (ThreatIndicator i : account.availableIndicators(feed, now)) {
            entries.add(new Entry(i.id(), i.time(), i.groundTruthKey()));
          }
        }
      }
      case "audit" -> {
        for (AuditEvent a : account.auditEvents(account.auditRetentionStart(now), now, now)) {
          entries.add(
              new Entry(
                  a.id() + "@" + a.eventTime().getEpochSecond(),
                  a.eventTime(),
                  a.groundTruthKey()));
        }
      }
      default -> {
        return AdminHandler.error(
            400, "unknown type '" + type + "'; known: " + String.join(", ", types()));
      }
    }
    return SimResponse.bytes(200, "application/json", write(type, now, entries, from, to));
  }

  private static List<String> types() {
    return List.of(
        "siem", "ttp-url", "ttp-attachment", "ttp-impersonation", "dlp", "threat-intel", "audit");
  }

  private static Optional<Instant> bound(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (text.chars().allMatch(Character::isDigit)) {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
    }
    return RequestDates.parseInstant(text);
  }

  /** Streams the (possibly large) list without building a tree. */
  private static byte[] write(
      String type, Instant now, List<Entry> entries, Optional<Instant> from, Optional<Instant> to) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeStringField("type", type);
      json.writeStringField("now", Formats.isoMillis(now));
      List<Entry> selected = new ArrayList<>();
      for (Entry entry : entries) {
        if (from.map(f -> !entry.time().isBefore(f)).orElse(true)
            && to.map(t -> !entry.time().isAfter(t)).orElse(true)) {
          selected.add(entry);
        }
      }
      json.writeNumberField("count", selected.size());
      json.writeArrayFieldStart("records");
      for (Entry entry : selected) {
        json.writeStartObject();
        json.writeStringField("id", entry.id());
        json.writeStringField("time", Formats.isoMillis(entry.time()));
        json.writeFieldName("key");
        Json.MAPPER.writeValue(json, entry.key());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
