package io.mailsec.mimecast.client;

import java.util.List;

/**
 * One page of the SIEM 2.0 stream. Pages may overlap (a known Mimecast defect): callers dedupe.
 *
 * @param events the events verbatim ({@link RecordFormat#JSON}, origin {@code value})
 */
public record SiemEventPage(List<RawRecord> events, String nextPage, boolean caughtUp) {

  public SiemEventPage {
    events = List.copyOf(events);
  }
}
