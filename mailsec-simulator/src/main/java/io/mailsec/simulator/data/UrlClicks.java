package io.mailsec.simulator.data;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** URL Protect decisions of a message: TTP click records and their SIEM url-protect rows. */
final class UrlClicks {
  private UrlClicks() {}

  /**
   * URL Protect: an entry scan for every malicious link, and user clicks on delivered links. A user
   * clicks a given link at most once, at least a minute after delivery, so (user, url, second,
   * message) stays unique.
   */
  static void record(MessageDraft b, Instant[] deliveredAt) {
    Email email = b.email;
    Rng rng = b.rng;
    if (email.direction() == Direction.OUTBOUND || email.links().isEmpty()) {
      return;
    }
    String definition =
        email.direction() == Direction.INTERNAL
            ? "Default Internal URL Protect Definition"
            : rng.pick(Vocabulary.URL_DEFINITIONS);
    if (b.twist.clicks != null) {
      for (MessageTwist.Click spec : b.twist.clicks) {
        Instant delivered = deliveredAt[spec.recipientIndex()];
        if (delivered != null) {
          pinnedClick(b, spec, delivered.plus(spec.afterDelivery()), definition);
        }
      }
      return;
    }
    for (int r = 0; r < email.recipients().size(); r++) {
      String user = email.recipients().get(r);
      for (int l = 0; l < email.links().size(); l++) {
        String url = email.links().get(l);
        boolean malicious = Vocabulary.isMaliciousUrl(url);
        if (malicious) {
          Instant entry = b.after(1_000, 3_000).truncatedTo(ChronoUnit.SECONDS);
          addClick(b, user, r, url, l, entry, true, "Entry Scan", definition);
        }
        if (deliveredAt[r] != null && rng.chance(malicious ? 0.35 : 0.12)) {
          Instant click =
              deliveredAt[r].plusSeconds(rng.between(60, 7_200)).truncatedTo(ChronoUnit.SECONDS);
          addClick(b, user, r, url, l, click, malicious, "User Click", definition);
        }
      }
    }
  }

  private static void pinnedClick(
      MessageDraft b, MessageTwist.Click spec, Instant time, String definition) {
    int r = spec.recipientIndex();
    String url = b.email.links().get(spec.linkIndex());
    String id = b.email.simId() + "/click/" + r + "/" + spec.linkIndex() + "/U";
    UrlClick click =
        new UrlClick(
            id,
            b.email,
            b.email.recipients().get(r),
            url,
            time.truncatedTo(ChronoUnit.SECONDS),
            spec.malicious(),
            spec.category(),
            spec.action(),
            "User Click",
            definition,
            spec.userAwarenessAction(),
            spec.adminOverride(),
            spec.userOverride(),
            spec.malicious() && spec.category().equals("Phishing & Fraud"),
            false);
    b.clicks.add(click);
    b.add(
        SiemType.URL_PROTECT,
        click.date(),
        r,
        url,
        b.processingId("click-" + id),
        new SiemDetail.UrlProtect(click));
  }

  private static void addClick(
      MessageDraft b,
      String user,
      int recipientIndex,
      String url,
      int linkIndex,
      Instant date,
      boolean malicious,
      String method,
      String definition) {
    Rng rng = b.rng;
    String category =
        rng.pick(
            malicious ? Vocabulary.MALICIOUS_URL_CATEGORIES : Vocabulary.BENIGN_URL_CATEGORIES);
    String action = malicious ? "block" : rng.chance(0.08) ? "warn" : "allow";
    String awareness = action.equals("warn") ? "Continue" : rng.chance(0.1) ? "NA" : "N/A";
    String id =
        b.email.simId() + "/click/" + recipientIndex + "/" + linkIndex + "/" + method.charAt(0);
    UrlClick click =
        new UrlClick(
            id,
            b.email,
            user,
            url,
            date,
            malicious,
            category,
            action,
            method,
            definition,
            awareness,
            "N/A",
            "None",
            malicious && category.equals("Phishing & Fraud"),
            rng.chance(0.04));
    b.clicks.add(click);
    b.add(
        SiemType.URL_PROTECT,
        date,
        recipientIndex,
        url,
        b.processingId("click-" + id),
        new SiemDetail.UrlProtect(click));
  }
}
