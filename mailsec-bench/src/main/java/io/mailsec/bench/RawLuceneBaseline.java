package io.mailsec.bench;

import io.mailsec.core.event.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The ceiling: the same events indexed with plain Lucene the way {@code performance-limits.md}
 * measured it, without anything the store adds (no {@code _source} JSON, no {@code _exists} terms,
 * no kind/schema/stream terms, no checkpoint document, no lock). Every leaf value of an event
 * becomes one field (strings: {@link KeywordField}, numbers and times: {@link LongField}); {@code
 * original_data} is a stored {@link TextField} analyzed by {@link StandardAnalyzer}; documents go
 * in with {@code updateDocument} by id and a commit every batch, like the collector's.
 */
final class RawLuceneBaseline {
  private static final String RAW_PATH = "original_data";

  /** An event flattened outside the timed section, so only Lucene's work is measured. */
  record FlatEvent(String id, List<String> paths, List<Object> values) {}

  private RawLuceneBaseline() {}

  static FlatEvent flatten(Event event) {
    List<String> paths = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    flatten("", event.fields(), paths, values);
    return new FlatEvent(event.id(), paths, values);
  }

  @SuppressWarnings("unchecked")
  private static void flatten(
      String prefix, Map<String, Object> fields, List<String> paths, List<Object> values) {
    for (Map.Entry<String, Object> e : fields.entrySet()) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      List<?> elements = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
      for (Object v : elements) {
        if (v instanceof Map<?, ?> m) {
          flatten(path, (Map<String, Object>) m, paths, values);
        } else {
          paths.add(path);
          values.add(v);
        }
      }
    }
  }

  static Document document(FlatEvent event) {
    Document doc = new Document();
    doc.add(new StringField("id", event.id(), Field.Store.YES));
    for (int i = 0; i < event.paths().size(); i++) {
      String path = event.paths().get(i);
      Object value = event.values().get(i);
      if (path.equals(RAW_PATH)) {
        doc.add(new TextField(path, (String) value, Field.Store.YES));
      } else if (value instanceof String s) {
        doc.add(new KeywordField(path, s, Field.Store.NO));
      } else if (value instanceof Number n) {
        doc.add(new LongField(path, n.longValue(), Field.Store.NO));
      } else if (value instanceof Instant t) {
        doc.add(new LongField(path, t.toEpochMilli(), Field.Store.NO));
      } else if (value instanceof Boolean b) {
        doc.add(new StringField(path, b.toString(), Field.Store.NO));
      }
    }
    return doc;
  }

  /** Indexes {@code parts} (one list per thread) into a new index; returns the live doc count. */
  static int index(Path dir, double ramBufferMb, int batchSize, List<List<FlatEvent>> parts)
      throws IOException, InterruptedException {
    IndexWriterConfig iwc = new IndexWriterConfig(new StandardAnalyzer());
    iwc.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    iwc.setRAMBufferSizeMB(ramBufferMb);
    try (Directory directory = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(directory, iwc)) {
      Workers.run(
          parts,
          (index, part) -> {
            int inBatch = 0;
            for (FlatEvent e : part) {
              writer.updateDocument(new Term("id", e.id()), document(e));
              if (++inBatch == batchSize) {
                writer.commit();
                inBatch = 0;
              }
            }
            writer.commit();
          });
      try (DirectoryReader reader = DirectoryReader.open(writer)) {
        return reader.numDocs();
      }
    }
  }
}
