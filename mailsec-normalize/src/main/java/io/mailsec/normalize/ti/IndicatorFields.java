package io.mailsec.normalize.ti;

import io.mailsec.core.event.Event;
import io.mailsec.core.schema.IpLiterals;
import io.mailsec.normalize.NormalizationContext;
import java.util.List;

/** Fields shared by STIX and CSV indicators. */
final class IndicatorFields {
  static final String PROVIDER = "Mimecast";

  /** Every Mimecast feed (malware_customer, malware_grid) lists malware detections. */
  static final String THREAT_TYPE = "malware";

  private IndicatorFields() {}

  /** The feed type, e.g. {@code malware_grid}, or {@code indicator} when unknown. */
  static String eventType(NormalizationContext ctx) {
    return ctx.feedType() == null || ctx.feedType().isBlank() ? "indicator" : ctx.feedType();
  }

  static void putFeed(Event.Builder e, NormalizationContext ctx) {
    e.put("feed_type", ctx.feedType());
    e.put("provider", PROVIDER);
    e.put("threat_type", THREAT_TYPE);
  }

  /** The first observable is the primary indicator; each one also fills its own column. */
  static void putObservables(Event.Builder e, List<Observable> observables) {
    Observable primary = observables.get(0);
    e.put("indicator_type", primary.indicatorType());
    e.put("indicator_value", primary.value());
    e.put("observable_key", primary.key());
    for (Observable o : observables) {
      // A CIDR range is a valid STIX ip value but not an address for the ip-typed column.
      boolean fits = !o.indicatorType().equals("ip") || IpLiterals.parse(o.value()).isPresent();
      if (fits && !e.has(o.field())) {
        e.put(o.field(), o.value());
      }
    }
  }
}
