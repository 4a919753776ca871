package io.mailsec.mimecast.client;

/** The textual form of a {@link RawRecord}, which tells a normalizer how to parse it. */
public enum RecordFormat {
  /** One JSON value (an object for well-formed records). */
  JSON,
  /** One SIEM 1.0 key_value line: {@code key=value} pairs separated by {@code |}. */
  KEY_VALUE,
  /** One pipe-delimited CSV row of the threat-intel feed; {@link RawRecord#header()} is set. */
  CSV
}
