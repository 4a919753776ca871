package io.mailsec.mimecast.client;

/** The file format of SIEM 1.0 log files. */
public enum SiemFileFormat {
  /** {@code {"data":[{...},{...}]}} per file. */
  JSON("json"),
  /** One {@code key=value|key=value} line per record. */
  KEY_VALUE("key_value");

  private final String wireName;

  SiemFileFormat(String wireName) {
    this.wireName = wireName;
  }

  /** The value of {@code fileFormat} in the request. */
  public String wireName() {
    return wireName;
  }
}
