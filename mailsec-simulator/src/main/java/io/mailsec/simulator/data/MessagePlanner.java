package io.mailsec.simulator.data;

/**
 * Draws plans for background traffic with shares that resemble a mid-size tenant: mostly clean
 * inbound mail, a few percent rejected, spam, phishing, malware and impersonation.
 */
final class MessagePlanner {

  MessagePlan draw(Rng rng) {
    double roll = rng.nextDouble();
    Direction direction =
        roll < 0.68 ? Direction.INBOUND : roll < 0.88 ? Direction.OUTBOUND : Direction.INTERNAL;
    boolean inbound = direction == Direction.INBOUND;
    int recipients = rng.chance(0.78) ? 1 : rng.between(2, 4);
    int attachments = rng.chance(0.7) ? 0 : rng.between(1, 2);
    int links = rng.chance(0.35) ? 0 : rng.between(1, 3);

    Rejection rejection = null;
    if (inbound && rng.chance(0.07)) {
      double kind = rng.nextDouble();
      rejection =
          kind < 0.6 ? Rejection.RBL : kind < 0.8 ? Rejection.MANUAL : Rejection.UNKNOWN_RECIPIENT;
    }
    boolean bounce = inbound && rejection == null && rng.chance(0.02);
    boolean spam = inbound && rejection == null && !bounce && rng.chance(0.05);
    boolean malicious = inbound && rejection == null && !bounce && !spam;
    boolean virus = malicious && rng.chance(0.012);
    boolean sandboxMalicious = malicious && !virus && rng.chance(0.02);
    if ((virus || sandboxMalicious) && attachments == 0) {
      attachments = 1;
    }
    boolean maliciousLink =
        (malicious && rng.chance(0.03)) || (direction == Direction.INTERNAL && rng.chance(0.015));
    if (maliciousLink && links == 0) {
      links = 1;
    }
    boolean impersonation = malicious && !virus && !sandboxMalicious && rng.chance(0.025);
    boolean accepted = rejection == null;
    return new MessagePlan(
        direction,
        bounce,
        recipients,
        attachments,
        links,
        rejection,
        spam,
        virus,
        sandboxMalicious,
        maliciousLink,
        impersonation,
        impersonation && rng.chance(0.5),
        accepted && rng.chance(0.3),
        accepted && rng.chance(0.03),
        accepted && rng.chance(0.01));
  }
}
