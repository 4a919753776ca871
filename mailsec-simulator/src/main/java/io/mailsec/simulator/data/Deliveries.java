package io.mailsec.simulator.data;

import java.time.Instant;
import java.util.Locale;

/**
 * Delivery rows: one per recipient and attempt. A planned retry defers the first attempt and
 * succeeds 5-20 minutes later; a planned failure rejects delivery to the first recipient. The rows
 * of one attempt share a {@code processingId}.
 */
final class Deliveries {
  private Deliveries() {}

  /** Returns, per recipient, when the message was delivered, or {@code null} if it was not. */
  static Instant[] deliver(MessageDraft b, Instant processTime) {
    Rng rng = b.rng;
    Email email = b.email;
    MessagePlan plan = b.plan;
    int recipients = email.recipients().size();
    Instant[] deliveredAt = new Instant[recipients];
    String route =
        switch (email.direction()) {
          case INBOUND -> rng.pick(Vocabulary.INBOUND_ROUTES);
          case OUTBOUND -> rng.pick(Vocabulary.OUTBOUND_ROUTES);
          case INTERNAL -> Vocabulary.INBOUND_ROUTES.get(0);
        };
    String hostname = rng.pick(Vocabulary.DELIVERY_HOSTS);
    String destinationIp =
        email.direction() == Direction.OUTBOUND
            ? rng.pick(Vocabulary.EXTERNAL_IP_PREFIXES) + rng.between(2, 254)
            : "40.107." + rng.between(0, 255) + "." + rng.between(2, 254);
    Instant firstAttempt = processTime.plusMillis(rng.between(300, 6_000));
    Instant retryAttempt = firstAttempt.plusSeconds(rng.between(300, 1_200));
    String pid1 = b.processingId("delivery-1");
    String pid2 = b.processingId("delivery-2");
    for (int r = 0; r < recipients; r++) {
      Instant time = firstAttempt.plusMillis(r * (long) rng.between(5, 40));
      int latency = rng.between(400, 9_000);
      int sent = email.sizeBytes() + rng.between(150, 900);
      boolean tls = email.tlsVersion() != null;
      if (plan.deliveryFailure() && r == 0) {
        b.add(
            SiemType.DELIVERY,
            time,
            r,
            "1",
            pid1,
            delivery(
                1,
                false,
                latency,
                route,
                destinationIp,
                hostname,
                tls,
                Rejection.UNKNOWN_RECIPIENT,
                0,
                null));
        continue;
      }
      if (plan.deliveryRetry()) {
        b.add(
            SiemType.DELIVERY,
            time,
            r,
            "1",
            pid1,
            delivery(
                1,
                false,
                latency,
                route,
                destinationIp,
                hostname,
                tls,
                Rejection.TEMPORARY,
                0,
                null));
        time = retryAttempt.plusMillis(r * 7L);
        b.add(
            SiemType.DELIVERY,
            time,
            r,
            "2",
            pid2,
            delivery(2, true, latency, route, destinationIp, hostname, tls, null, sent, ack(rng)));
      } else {
        b.add(
            SiemType.DELIVERY,
            time,
            r,
            "1",
            pid1,
            delivery(1, true, latency, route, destinationIp, hostname, tls, null, sent, ack(rng)));
      }
      deliveredAt[r] = time;
    }
    return deliveredAt;
  }

  private static SiemDetail.Delivery delivery(
      int attempt,
      boolean delivered,
      int latency,
      String route,
      String destinationIp,
      String hostname,
      boolean tls,
      Rejection rejection,
      int bytesSent,
      String receiptAck) {
    return new SiemDetail.Delivery(
        attempt,
        delivered,
        latency,
        route,
        destinationIp,
        hostname,
        tls,
        rejection,
        bytesSent,
        receiptAck);
  }

  private static String ack(Rng rng) {
    return "250 2.6.0 <"
        + rng.hex(8).toUpperCase(Locale.ROOT)
        + "@mimecast.com> [InternalId="
        + rng.between(1_000_000, 99_999_999)
        + "] Queued mail for delivery";
  }
}
