package io.mailsec.store.lucene;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.event.QuarantinedRecord;
import io.mailsec.core.query.Operands;
import io.mailsec.core.store.Checkpoint;
import io.mailsec.core.store.Gap;
import io.mailsec.core.store.StreamId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.util.BytesRef;

/**
 * The documents that live beside the events in the same index, so that one Lucene commit stores a
 * batch's events, ledger entries and checkpoint together: quarantined records, gaps, and one
 * checkpoint document per stream. Each keeps its JSON in {@code _source}.
 */
final class LedgerDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();

  private LedgerDocuments() {}

  /** Uid of a quarantined record: the same raw text of the same stream is one entry. */
  static String quarantineUid(StreamId stream, QuarantinedRecord record) {
    return "q:" + sha256(IndexFields.streamKey(stream) + "\n" + record.raw());
  }

  static String gapUid(Gap gap) {
    return "g:"
        + sha256(
            IndexFields.streamKey(gap.stream())
                + "\n"
                + gap.from()
                + "\n"
                + gap.to()
                + "\n"
                + gap.file());
  }

  static Document quarantine(StreamId stream, QuarantinedRecord record) {
    String uid = quarantineUid(stream, record);
    return ledgerDocument(
        IndexFields.KIND_QUARANTINE, uid, stream, record.time(), EventJson.write(record));
  }

  static QuarantinedRecord readQuarantine(String json) {
    return EventJson.readQuarantined(json);
  }

  static Document gap(Gap gap) {
    ObjectNode node = JSON.createObjectNode();
    node.put("integration_id", gap.stream().integrationId());
    node.put("data_type", gap.stream().dataType());
    if (gap.from() != null) {
      node.put("from", EventJson.formatInstant(gap.from()));
      node.put("to", EventJson.formatInstant(gap.to()));
    }
    if (gap.file() != null) {
      node.put("file", gap.file());
    }
    node.put("reason", gap.reason());
    node.put("recorded_at", EventJson.formatInstant(gap.recordedAt()));
    return ledgerDocument(
        IndexFields.KIND_GAP, gapUid(gap), gap.stream(), gap.recordedAt(), write(node));
  }

  static Gap readGap(String json) {
    JsonNode node = read(json);
    return new Gap(
        new StreamId(node.get("integration_id").asText(), node.get("data_type").asText()),
        instantOrNull(node.get("from")),
        instantOrNull(node.get("to")),
        node.hasNonNull("file") ? node.get("file").asText() : null,
        node.get("reason").asText(),
        Instant.parse(node.get("recorded_at").asText()));
  }

  /** A stream's checkpoint after a commit at {@code committedAt}. */
  record StoredCheckpoint(StreamId stream, Checkpoint checkpoint, Instant committedAt) {}

  static Document checkpoint(StreamId stream, Checkpoint checkpoint, Instant committedAt) {
    ObjectNode node = JSON.createObjectNode();
    node.put("integration_id", stream.integrationId());
    node.put("data_type", stream.dataType());
    ObjectNode values = node.putObject("values");
    checkpoint.values().forEach(values::put);
    node.put("committed_at", EventJson.formatInstant(committedAt));
    Document doc = new Document();
    doc.add(new StringField(IndexFields.KIND, IndexFields.KIND_CHECKPOINT, Field.Store.NO));
    doc.add(new StringField(IndexFields.UID, IndexFields.checkpointUid(stream), Field.Store.NO));
    doc.add(new StringField(IndexFields.STREAM, IndexFields.streamKey(stream), Field.Store.NO));
    doc.add(new StoredField(IndexFields.SOURCE, write(node)));
    return doc;
  }

  static StoredCheckpoint readCheckpoint(String json) {
    JsonNode node = read(json);
    Map<String, String> values = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : node.get("values").properties()) {
      values.put(e.getKey(), e.getValue().asText());
    }
    return new StoredCheckpoint(
        new StreamId(node.get("integration_id").asText(), node.get("data_type").asText()),
        new Checkpoint(values),
        Instant.parse(node.get("committed_at").asText()));
  }

  private static Document ledgerDocument(
      String kind, String uid, StreamId stream, Instant recorded, String json) {
    Document doc = new Document();
    long micros = Operands.micros(recorded);
    doc.add(new StringField(IndexFields.KIND, kind, Field.Store.NO));
    doc.add(new StringField(IndexFields.UID, uid, Field.Store.NO));
    doc.add(new SortedDocValuesField(IndexFields.SORT_ID, new BytesRef(uid)));
    doc.add(new StringField(IndexFields.STREAM, IndexFields.streamKey(stream), Field.Store.NO));
    doc.add(new LongPoint(IndexFields.RECORDED, micros));
    doc.add(new NumericDocValuesField(IndexFields.RECORDED, micros));
    doc.add(new StoredField(IndexFields.SOURCE, json));
    return doc;
  }

  private static Instant instantOrNull(JsonNode node) {
    return node == null || node.isNull() ? null : Instant.parse(node.asText());
  }

  private static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt ledger document: " + e.getOriginalMessage(), e);
    }
  }

  private static String write(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
