package io.mailsec.store.lucene;

import io.mailsec.core.event.Event;
import io.mailsec.core.event.EventJson;
import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.query.IpRange;
import io.mailsec.core.query.Operands;
import io.mailsec.core.query.TextFolding;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.schema.IpLiterals;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * Turns an event into its Lucene document. Every schema field is indexed under its dotted path:
 *
 * <ul>
 *   <li>keyword: folded term + sorted doc value of the folded text (sort, aggregation);
 *   <li>text: analyzed by {@link TokenAnalyzer}, and the n-grams of its distinct tokens under
 *       {@code path#grams} (positions, no norms) for CONTAINS; every event document carries the
 *       {@link IndexFields#GRAMS_MARKER} term;
 *   <li>long, timestamp (epoch microseconds), double (sortable long bits): point + numeric doc
 *       value;
 *   <li>boolean: term {@code true}/{@code false} + sorted doc value;
 *   <li>ip: {@link InetAddressPoint} + sorted doc value of the 16-byte address, and the folded text
 *       under {@code path#text} for CONTAINS.
 * </ul>
 *
 * Doc values are single-valued (faster sorting) unless the registry says a path may repeat. Values
 * that do not fit their field's type, and fields no schema knows, are kept in {@code _source} but
 * not indexed; every present path gets an {@code _exists} term either way, so IS NULL sees them.
 */
final class EventDocuments {
  /**
   * Keyword values are indexed up to this many chars (3 UTF-8 bytes per char stays under Lucene's
   * term limit); longer values compare by their first {@code MAX_KEYWORD_CHARS} chars.
   */
  static final int MAX_KEYWORD_CHARS = TokenAnalyzer.MAX_TOKEN_CHARS;

  /** The n-gram companion of a text field: positions for phrases, nothing else. */
  private static final org.apache.lucene.document.FieldType GRAMS_TYPE = gramsType();

  private final FieldTypes types;
  private final boolean substringIndex;

  EventDocuments(FieldTypes types) {
    this(types, true);
  }

  /**
   * @param substringIndex false writes documents without n-grams and without the marker, as format
   *     1 did; queries then use the token terms for them ({@link GramOrTermsQuery})
   */
  EventDocuments(FieldTypes types, boolean substringIndex) {
    this.types = types;
    this.substringIndex = substringIndex;
  }

  private static org.apache.lucene.document.FieldType gramsType() {
    var type = new org.apache.lucene.document.FieldType();
    type.setTokenized(true);
    type.setOmitNorms(true);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
    type.freeze();
    return type;
  }

  /** The keyword term of a value: folded and cut to {@link #MAX_KEYWORD_CHARS}. */
  static String keywordTerm(String value) {
    String folded = TextFolding.fold(value);
    if (folded.length() <= MAX_KEYWORD_CHARS) {
      return folded;
    }
    int end = MAX_KEYWORD_CHARS;
    if (Character.isHighSurrogate(folded.charAt(end - 1))) {
      end--;
    }
    return folded.substring(0, end);
  }

  /** The sortable long a double is indexed as in doc values. */
  static long doubleBits(double value) {
    return NumericUtils.doubleToSortableLong(value);
  }

  Document toDocument(Event event, String streamKey) {
    Document doc = new Document();
    doc.add(new StringField(IndexFields.KIND, IndexFields.KIND_EVENT, Field.Store.NO));
    doc.add(new StringField(IndexFields.UID, IndexFields.eventUid(event.id()), Field.Store.NO));
    doc.add(new SortedDocValuesField(IndexFields.SORT_ID, new BytesRef(event.id())));
    doc.add(new StringField(IndexFields.SCHEMA, event.schema(), Field.Store.NO));
    doc.add(new StringField(IndexFields.STREAM, streamKey, Field.Store.NO));
    doc.add(new StoredField(IndexFields.SOURCE, EventJson.write(event)));
    if (substringIndex) {
      doc.add(
          new StringField(
              IndexFields.GRAMS_MARKER, IndexFields.GRAMS_MARKER_VALUE, Field.Store.NO));
    }
    new Walk(doc).object("", event.fields());
    return doc;
  }

  /** Walks the field tree once, adding the index fields of every value. */
  private final class Walk {
    private final Document doc;
    private final Set<String> present = new HashSet<>();
    private final Set<String> singleDocValues = new HashSet<>();

    Walk(Document doc) {
      this.doc = doc;
    }

    void object(String prefix, Map<String, Object> fields) {
      for (Map.Entry<String, Object> e : fields.entrySet()) {
        String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
        markPresent(path);
        if (e.getValue() instanceof List<?> list) {
          list.forEach(element -> value(path, element));
        } else {
          value(path, e.getValue());
        }
      }
    }

    @SuppressWarnings("unchecked")
    private void value(String path, Object value) {
      if (value instanceof Map<?, ?> map) {
        object(path, (Map<String, Object>) map);
        return;
      }
      Optional<FieldType> type = types.type(path);
      if (type.isPresent()) {
        index(path, type.get(), value);
      }
    }

    private void markPresent(String path) {
      if (present.add(path)) {
        doc.add(new StringField(IndexFields.EXISTS, path, Field.Store.NO));
      }
    }

    private void index(String path, FieldType type, Object value) {
      switch (type) {
        case KEYWORD -> {
          if (value instanceof String s) {
            String term = keywordTerm(s);
            doc.add(new StringField(path, term, Field.Store.NO));
            sortedDocValue(path, new BytesRef(term));
          }
        }
        case TEXT -> {
          if (value instanceof String s) {
            doc.add(new TextField(path, s, Field.Store.NO));
            if (substringIndex) {
              doc.add(new Field(path + IndexFields.GRAMS_SUFFIX, s, GRAMS_TYPE));
            }
          }
        }
        case LONG -> {
          if (value instanceof Long l) {
            doc.add(new LongPoint(path, l));
            numericDocValue(path, l);
          }
        }
        case DOUBLE -> {
          if (value instanceof Double d) {
            doc.add(new DoublePoint(path, d));
            numericDocValue(path, doubleBits(d));
          }
        }
        case TIMESTAMP -> {
          if (value instanceof Instant i) {
            long micros = Operands.micros(i);
            doc.add(new LongPoint(path, micros));
            numericDocValue(path, micros);
          }
        }
        case BOOLEAN -> {
          if (value instanceof Boolean b) {
            doc.add(new StringField(path, b.toString(), Field.Store.NO));
            sortedDocValue(path, new BytesRef(b.toString()));
          }
        }
        case IP -> {
          if (value instanceof String s) {
            Optional<byte[]> address = IpLiterals.parse(s);
            if (address.isPresent()) {
              byte[] sixteen = IpRange.to16(address.get());
              doc.add(new InetAddressPoint(path, IpText.toInetAddress(sixteen)));
              sortedDocValue(path, new BytesRef(sixteen));
              doc.add(
                  new StringField(
                      path + IndexFields.IP_TEXT_SUFFIX, keywordTerm(s), Field.Store.NO));
            }
          }
        }
        case OBJECT -> {
          // An object whose value is not a map carries nothing to index.
        }
      }
    }

    private void sortedDocValue(String path, BytesRef value) {
      if (types.isMultiValued(path)) {
        doc.add(new SortedSetDocValuesField(path, value));
      } else if (singleDocValues.add(path)) {
        doc.add(new SortedDocValuesField(path, value));
      }
    }

    private void numericDocValue(String path, long value) {
      if (types.isMultiValued(path)) {
        doc.add(new SortedNumericDocValuesField(path, value));
      } else if (singleDocValues.add(path)) {
        doc.add(new NumericDocValuesField(path, value));
      }
    }
  }
}
