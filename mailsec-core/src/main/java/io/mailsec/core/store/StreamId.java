package io.mailsec.core.store;

/**
 * One collection stream: an integration and one of its data types, e.g. {@code (mimecast2.0demo,
 * siem)}. Each stream has its own checkpoint and its own ledger entries.
 *
 * @param integrationId the integration's id (its lower-cased name)
 * @param dataType the data type, e.g. {@code siem} or {@code ttp-url}
 */
public record StreamId(String integrationId, String dataType) {
  public StreamId {
    if (integrationId == null || integrationId.isBlank()) {
      throw new IllegalArgumentException("integration id must not be blank");
    }
    if (dataType == null || dataType.isBlank()) {
      throw new IllegalArgumentException("data type must not be blank");
    }
  }

  @Override
  public String toString() {
    return integrationId + "/" + dataType;
  }
}
