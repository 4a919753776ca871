package io.mailsec.store.lucene;

import io.mailsec.core.query.FieldTypes;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.schema.IpLiterals;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PointValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * One key that an aggregation groups events by: the values of a field, or the epoch-aligned
 * interval of {@code event_time} an event falls in. Per segment, {@link #open} reads each
 * document's values in raw form (an ordinal, a long, an interval index); a raw value becomes a
 * typed value (as {@link io.mailsec.core.store.TermsBucket} describes them) only once per group.
 */
final class GroupKey {
  /** Widest interval span of a segment whose interval indexes count as dense (0 to span - 1). */
  private static final long MAX_DENSE_INTERVALS = 1 << 16;

  private final String field;
  private final FieldType type;

  /** Interval width for an interval key, 0 for a field key. */
  private final long intervalMicros;

  /** For an interval key: intervals outside these (inclusive) cannot match the query. */
  private final long firstMatching;

  private final long lastMatching;

  private GroupKey(
      String field, FieldType type, long intervalMicros, long firstMatching, long lastMatching) {
    this.field = field;
    this.type = type;
    this.intervalMicros = intervalMicros;
    this.firstMatching = firstMatching;
    this.lastMatching = lastMatching;
  }

  /**
   * A field's values.
   *
   * @throws IllegalArgumentException for an unknown field or one of a type that cannot be grouped
   *     by (text, object)
   */
  static GroupKey field(FieldTypes types, String field) {
    FieldType type = types.require(field);
    if (type == FieldType.TEXT || type == FieldType.OBJECT) {
      throw new IllegalArgumentException(
          "cannot count by '" + field + "': it is " + type.wireName());
    }
    return new GroupKey(field, type, 0, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /**
   * The interval of {@code event_time}, for a query that matches only events in intervals {@code
   * firstMatching} to {@code lastMatching} (interval indexes, inclusive; {@link Long#MIN_VALUE} and
   * {@link Long#MAX_VALUE} when unbounded).
   */
  static GroupKey interval(long intervalMicros, long firstMatching, long lastMatching) {
    return new GroupKey(
        IndexFields.EVENT_TIME, FieldType.TIMESTAMP, intervalMicros, firstMatching, lastMatching);
  }

  /** Interval width in microseconds, checked like {@link HistogramAggregation}'s. */
  static long intervalMicros(Duration interval) {
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("histogram interval must be at least 1 second");
    }
    try {
      return Math.addExact(
          Math.multiplyExact(interval.getSeconds(), 1_000_000L), interval.getNano() / 1000);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("histogram interval is too large", e);
    }
  }

  FieldType type() {
    return type;
  }

  /** Whether values are ordinals of a sorted (set) doc value: keyword, boolean, ip. */
  boolean isOrdinal() {
    return intervalMicros == 0
        && (type == FieldType.KEYWORD || type == FieldType.BOOLEAN || type == FieldType.IP);
  }

  Values open(LeafReader reader) throws IOException {
    if (intervalMicros > 0) {
      return intervals(reader);
    }
    if (isOrdinal()) {
      return new Ordinals(reader, field, type);
    }
    return new Numbers(DocValues.getSortedNumeric(reader, field), type);
  }

  private Values intervals(LeafReader reader) throws IOException {
    NumericDocValues times = DocValues.getNumeric(reader, IndexFields.EVENT_TIME);
    PointValues points = reader.getPointValues(IndexFields.EVENT_TIME);
    long first = Long.MIN_VALUE;
    long span = -1;
    if (points != null) {
      // The least and greatest time of the segment (deleted documents included) bound the
      // intervals its documents fall in.
      first =
          Math.max(
              firstMatching,
              Math.floorDiv(
                  LongPoint.decodeDimension(points.getMinPackedValue(), 0), intervalMicros));
      long last =
          Math.min(
              lastMatching,
              Math.floorDiv(
                  LongPoint.decodeDimension(points.getMaxPackedValue(), 0), intervalMicros));
      if (last >= first && last - first < MAX_DENSE_INTERVALS) {
        span = last - first + 1;
      }
    }
    return new Intervals(times, intervalMicros, span < 0 ? 0 : first, span);
  }

  static Object ordinalValue(BytesRef bytes, FieldType type) {
    return switch (type) {
      case BOOLEAN -> Boolean.valueOf(bytes.utf8ToString());
      case IP -> IpLiterals.format(BytesRef.deepCopyOf(bytes).bytes);
      default -> bytes.utf8ToString();
    };
  }

  private static Instant ofMicros(long micros) {
    return Instant.EPOCH
        .plusSeconds(Math.floorDiv(micros, 1_000_000L))
        .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  /**
   * One segment's values of the key. Not thread-safe: one collecting thread reads it, and the merge
   * after the search resolves its raw values.
   */
  abstract static class Values {
    /** The raw values of the last {@link #read} document, distinct, in {@code [0, count)}. */
    long[] raw = new long[4];

    /** Reads a document's raw values into {@link #raw}; returns how many (0 if it has none). */
    abstract int read(int doc) throws IOException;

    /**
     * The number of possible raw values when they are dense (every raw value in {@code [0,
     * cardinality)}), or -1 when they are not.
     */
    abstract long cardinality();

    /** The typed value of a raw value. */
    abstract Object resolve(long raw) throws IOException;

    final void grow(int n) {
      if (raw.length < n) {
        raw = new long[Math.max(n, raw.length * 2)];
      }
    }
  }

  /** Ordinals of a sorted (set) doc value; within a segment their order is the terms' order. */
  static final class Ordinals extends Values {
    private final LeafReader segment;
    private final String field;
    private final SortedSetDocValues values;
    private final SortedDocValues single;
    private final FieldType type;

    Ordinals(LeafReader segment, String field, FieldType type) throws IOException {
      this.segment = segment;
      this.field = field;
      this.values = DocValues.getSortedSet(segment, field);
      this.single = DocValues.unwrapSingleton(values);
      this.type = type;
    }

    @Override
    int read(int doc) throws IOException {
      if (single != null) {
        if (!single.advanceExact(doc)) {
          return 0;
        }
        raw[0] = single.ordValue();
        return 1;
      }
      if (!values.advanceExact(doc)) {
        return 0;
      }
      int n = values.docValueCount();
      grow(n);
      for (int i = 0; i < n; i++) {
        raw[i] = values.nextOrd(); // the ordinals of one document are distinct
      }
      return n;
    }

    @Override
    long cardinality() {
      return values.getValueCount();
    }

    @Override
    Object resolve(long ord) throws IOException {
      return ordinalValue(values.lookupOrd(ord), type);
    }

    /** The segment's terms in ordinal order, for merging segments without resolving values. */
    TermsEnum terms() throws IOException {
      return values.termsEnum();
    }

    /** The term of an ordinal, valid until the next call. */
    BytesRef term(long ord) throws IOException {
      return values.lookupOrd(ord);
    }

    /** The fingerprints of the segment's terms by ordinal, or null ({@link TermFingerprints}). */
    long[] fingerprints(TermFingerprints fingerprints) throws IOException {
      return fingerprints.of(segment, field, values);
    }
  }

  /** Values of a sorted numeric doc value (long, double, timestamp); not dense. */
  private static final class Numbers extends Values {
    private final SortedNumericDocValues values;
    private final FieldType type;

    Numbers(SortedNumericDocValues values, FieldType type) {
      this.values = values;
      this.type = type;
    }

    @Override
    int read(int doc) throws IOException {
      if (!values.advanceExact(doc)) {
        return 0;
      }
      int n = values.docValueCount();
      grow(n);
      int distinct = 0;
      for (int i = 0; i < n; i++) {
        long v = values.nextValue(); // ascending, so equal values are adjacent
        if (distinct == 0 || raw[distinct - 1] != v) {
          raw[distinct++] = v;
        }
      }
      return distinct;
    }

    @Override
    long cardinality() {
      return -1;
    }

    @Override
    Object resolve(long raw) {
      return switch (type) {
        case DOUBLE -> NumericUtils.sortableLongToDouble(raw);
        case TIMESTAMP -> ofMicros(raw);
        default -> raw;
      };
    }
  }

  /**
   * Interval indexes of {@code event_time}: relative to the segment's first matching interval when
   * its span is narrow enough to be dense, else absolute.
   */
  private static final class Intervals extends Values {
    private final NumericDocValues times;
    private final long intervalMicros;
    private final long first;
    private final long span;

    Intervals(NumericDocValues times, long intervalMicros, long first, long span) {
      this.times = times;
      this.intervalMicros = intervalMicros;
      this.first = first;
      this.span = span;
    }

    @Override
    int read(int doc) throws IOException {
      if (!times.advanceExact(doc)) {
        return 0;
      }
      raw[0] = Math.floorDiv(times.longValue(), intervalMicros) - first;
      return 1;
    }

    @Override
    long cardinality() {
      return span;
    }

    @Override
    Object resolve(long raw) {
      return ofMicros((raw + first) * intervalMicros);
    }
  }
}
