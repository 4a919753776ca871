package io.mailsec.store.lucene;

import io.mailsec.core.store.StreamId;

/**
 * Names of the internal Lucene fields. They start with {@code _} and schema fields never do (schema
 * field names start with a lower-case letter), so the two cannot collide. Schema fields are indexed
 * under their dotted path; see {@link EventDocuments} for the mapping.
 */
final class IndexFields {
  /** Kind of document: one of the {@code KIND_*} values. */
  static final String KIND = "_kind";

  static final String KIND_EVENT = "event";
  static final String KIND_QUARANTINE = "quarantine";
  static final String KIND_GAP = "gap";
  static final String KIND_CHECKPOINT = "checkpoint";

  /** Unique key of a document across kinds; the term that upserts replace. */
  static final String UID = "_uid";

  /** Sorted doc value used as the last sort key: the event id, or the uid for other kinds. */
  static final String SORT_ID = "_sortid";

  /** Schema name of an event. */
  static final String SCHEMA = "_schema";

  /** {@link #streamKey} of the stream that stored the document. */
  static final String STREAM = "_stream";

  /** One term per field path (and enclosing object path) the event has a value for. */
  static final String EXISTS = "_exists";

  /** The JSON of the whole event, quarantined record, gap or checkpoint. */
  static final String SOURCE = "_source";

  /** When a ledger entry was recorded, microseconds since the epoch (point + doc value). */
  static final String RECORDED = "_recorded";

  /** Suffix of the companion field that holds an ip field's folded text, for CONTAINS. */
  static final String IP_TEXT_SUFFIX = "#text";

  /**
   * Suffix of the hidden companion field of a text field that holds the character n-grams of its
   * distinct tokens, with positions ({@link TokenGramFilter}); CONTAINS finds substrings through
   * it.
   */
  static final String GRAMS_SUFFIX = "#grams";

  /**
   * Marks an event document whose text fields have their {@link #GRAMS_SUFFIX} companions (format 2
   * and later). A segment in which every event document has it can answer CONTAINS through the
   * n-grams; other segments (written by format 1, or merged from both) use the term dictionary.
   */
  static final String GRAMS_MARKER = "_grams";

  /** The one value of {@link #GRAMS_MARKER}: the n-gram length, so a change of it is visible. */
  static final String GRAMS_MARKER_VALUE = Integer.toString(TokenGramFilter.GRAM_LENGTH);

  /** The event time field every event has; indexed as a single-valued timestamp. */
  static final String EVENT_TIME = "event_time";

  private IndexFields() {}

  /** A stream as one term; the unit separator cannot appear in ids typed by a person. */
  static String streamKey(StreamId stream) {
    return stream.integrationId() + '\u001f' + stream.dataType();
  }

  static String eventUid(String eventId) {
    return "e:" + eventId;
  }

  static String checkpointUid(StreamId stream) {
    return "c:" + streamKey(stream);
  }
}
