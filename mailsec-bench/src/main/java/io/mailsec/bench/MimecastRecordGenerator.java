package io.mailsec.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Deterministic raw Mimecast records shaped like the data of {@code performance-limits.md}: 75 %
 * SIEM 2.0 receipt events and 25 % TTP URL log items, 5,000 internal mailboxes over 3 domains and
 * 2,000 external sender domains (both skewed), subjects from a small vocabulary, random hex ids and
 * hashes, timestamps spread over 30 days. The same seed and profile always yield the same records.
 */
final class MimecastRecordGenerator {
  /** A raw record and whether it is a TTP URL item (otherwise a SIEM event). */
  record RawRecord(String json, boolean ttpUrl) {}

  /**
   * Where external sender domains and URL hosts come from; everything else is the same.
   *
   * <ul>
   *   <li>{@code STANDARD}: 2,000 names shared by senders and URL hosts, cubically skewed. The
   *       ingest and query benchmarks (and stores built from them) depend on these records staying
   *       byte for byte the same per seed: do not change this profile.
   *   <li>{@code DIVERSE}: 50,000 sender domains and 200,000 separate URL hosts, each drawn with a
   *       Zipf (exponent 1) skew, as in real mail where a long tail of domains appears once or
   *       twice. TTP URL clicks are malicious (and blocked) 1 in 200 times, otherwise clean or (1
   *       in 20) unknown, where the standard profile has a fifth of the allowed clicks "malicious".
   *       The rule benchmark uses this profile so that threat-intel hits and alerts stay as rare as
   *       in real mail.
   * </ul>
   */
  enum Profile {
    STANDARD,
    DIVERSE
  }

  static final int DIVERSE_SENDER_DOMAINS = 50_000;
  static final int DIVERSE_URL_HOSTS = 200_000;

  private static final JsonFactory JSON = new JsonFactory();
  private static final long START_MILLIS = 1_763_596_800_000L; // 2025-11-20T00:00:00Z
  private static final long SPAN_MILLIS = 30L * 24 * 3600 * 1000;
  private static final String[] INTERNAL_DOMAINS = {
    "corp.example", "eu.corp.example", "lab.example"
  };
  private static final String[] WORDS = {
    "invoice",
    "meeting",
    "payment",
    "report",
    "update",
    "urgent",
    "review",
    "quarterly",
    "budget",
    "project",
    "delivery",
    "order",
    "account",
    "password",
    "reset",
    "security",
    "notice",
    "team",
    "lunch",
    "schedule",
    "contract",
    "signed",
    "draft",
    "final",
    "shipping",
    "confirmation",
    "welcome",
    "newsletter",
    "offer",
    "discount",
    "sale",
    "reminder",
    "overdue",
    "statement",
    "tax",
    "refund",
    "claim",
    "approval",
    "request",
    "access",
    "document",
    "shared",
    "folder",
    "weekly",
    "monthly",
    "annual",
    "summary",
    "agenda",
    "minutes",
    "training",
    "webinar",
    "invitation",
    "résumé",
    "über",
    "café",
    "\"quoted\"",
    "Q4",
    "2025",
    "RE:",
    "FW:"
  };
  private static final String[] ACTIONS = {"Acc", "Acc", "Acc", "Acc", "Rej", "Hld", "Bnc"};
  private static final String[] TLS = {"TLSv1.2", "TLSv1.3", "TLSv1.3"};
  private static final String[] CIPHERS = {
    "TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "ECDHE-RSA-AES256-GCM-SHA384"
  };
  private static final String[] CATEGORIES = {
    "Search Engines & Portals", "Business", "Compromised", "Phishing & Fraud", "News", "Shopping"
  };
  private static final String[] SCAN_RESULTS = {"clean", "clean", "clean", "malicious", "unknown"};

  private final SplittableRandom random;
  private final Profile profile;
  private final Zipf senderDomains;
  private final Zipf urlHosts;

  MimecastRecordGenerator(long seed) {
    this(seed, Profile.STANDARD);
  }

  MimecastRecordGenerator(long seed, Profile profile) {
    this.random = new SplittableRandom(seed);
    this.profile = profile;
    boolean diverse = profile == Profile.DIVERSE;
    this.senderDomains = diverse ? Zipf.SENDER_DOMAINS : null;
    this.urlHosts = diverse ? Zipf.URL_HOSTS : null;
  }

  RawRecord next() {
    try {
      return random.nextInt(4) == 0
          ? new RawRecord(ttpUrl(), true)
          : new RawRecord(siemReceipt(), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String siemReceipt() throws IOException {
    StringWriter out = new StringWriter(1024);
    long ts = START_MILLIS + random.nextLong(SPAN_MILLIS);
    String sender = externalAddress();
    String recipient = internalAddress();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("_offset", random.nextInt(1_000_000));
      g.writeNumberField("_partition", random.nextInt(64));
      g.writeStringField("accountId", "CUSA" + random.nextInt(100, 999));
      g.writeStringField("aggregateId", hex(22) + "_" + ts / 1000);
      g.writeStringField("processingId", hex(40) + "_" + ts / 1000);
      g.writeNumberField("timestamp", ts);
      g.writeStringField("type", "receipt");
      String action = pick(ACTIONS);
      g.writeStringField("action", action);
      g.writeStringField("subtype", action);
      g.writeStringField("senderEnvelope", sender);
      g.writeStringField("senderHeader", "Sender Name <" + sender + ">");
      g.writeStringField("recipients", recipient);
      g.writeStringField("senderIp", ip());
      g.writeStringField("direction", "Inbound");
      g.writeStringField("messageId", "<" + hex(16) + "-" + ts + "@" + domainOf(sender) + ">");
      g.writeStringField("subject", subject());
      boolean attachment = random.nextInt(10) < 3;
      g.writeStringField("numberAttachments", attachment ? "1" : "0");
      g.writeStringField("spamScore", Integer.toString(random.nextInt(100)));
      g.writeStringField("spamDetectionLevel", Integer.toString(random.nextInt(10)));
      g.writeStringField("spamInfo", "[]");
      g.writeStringField(
          "spamProcessingDetail",
          "{\"spf\":{\"allow\":true,\"info\":\"ALLOW\"},\"dkim\":{\"allow\":true,\"info\":\""
              + (random.nextBoolean() ? "ALLOW" : "UNKNOWN")
              + "\"},\"dmarc\":{\"allow\":true,\"info\":\"ALLOW\"}}");
      g.writeStringField("rejectionType", null);
      g.writeStringField("rejectionCode", null);
      g.writeStringField("rejectionInfo", null);
      g.writeStringField("receiptErrors", null);
      g.writeStringField("tlsVersion", pick(TLS));
      g.writeStringField("tlsCipher", pick(CIPHERS));
      g.writeStringField("virusFound", null);
      if (attachment) {
        g.writeStringField("fileName", pick(WORDS).replace("\"", "") + "_" + hex(6) + ".pdf");
        g.writeStringField("sha256", hex(64));
        g.writeStringField("md5", hex(32));
      }
      g.writeEndObject();
    }
    return out.toString();
  }

  private String ttpUrl() throws IOException {
    StringWriter out = new StringWriter(1024);
    long ts = START_MILLIS + random.nextLong(SPAN_MILLIS);
    String sender = externalAddress();
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("userEmailAddress", internalAddress());
      g.writeStringField("fromUserEmailAddress", sender);
      g.writeStringField("url", url());
      g.writeStringField("ttpDefinition", "Inbound URL 'Aggressive'");
      g.writeStringField("subject", subject());
      boolean diverse = profile == Profile.DIVERSE;
      boolean malicious = diverse ? random.nextInt(200) == 0 : random.nextInt(10) == 0;
      g.writeStringField("action", malicious ? "block" : "allow");
      g.writeStringField("actions", malicious ? "Block" : "Allow");
      g.writeStringField("adminOverride", "N/A");
      g.writeStringField("userOverride", "None");
      String scanResult;
      if (malicious) {
        scanResult = "malicious";
      } else if (diverse) {
        scanResult = random.nextInt(20) == 0 ? "unknown" : "clean";
      } else {
        scanResult = pick(SCAN_RESULTS);
      }
      g.writeStringField("scanResult", scanResult);
      g.writeStringField("category", pick(CATEGORIES));
      g.writeStringField("sendingIp", ip());
      g.writeStringField("userAwarenessAction", "NA");
      g.writeStringField("date", TtpDates.format(ts));
      g.writeStringField("route", "inbound");
      g.writeStringField("creationMethod", "User Click");
      g.writeArrayFieldStart("emailPartsDescription");
      g.writeString("Body");
      g.writeEndArray();
      g.writeStringField("messageId", "<" + hex(16) + "-" + ts + "@" + domainOf(sender) + ">");
      g.writeEndObject();
    }
    return out.toString();
  }

  private String internalAddress() {
    int user = skewed(5000);
    String local = "user" + user + "." + WORDS[user % 50];
    String domain = INTERNAL_DOMAINS[user % INTERNAL_DOMAINS.length];
    String address = local + "@" + domain;
    return user % 8 == 0 ? address.toUpperCase(Locale.ROOT) : address;
  }

  private String externalAddress() {
    String domain =
        profile == Profile.DIVERSE
            ? externalDomain(senderDomains.sample(random.nextDouble()))
            : externalDomain(skewed(2000));
    return WORDS[random.nextInt(50)] + random.nextInt(1000) + "@" + domain;
  }

  private static String externalDomain(int n) {
    return WORDS[n % 50] + "-" + n + ".example.com";
  }

  private static String urlHost(int n) {
    return (n % 3 == 0 ? "www." : "") + WORDS[(n / 3) % 50] + n + ".example.net";
  }

  private static String domainOf(String address) {
    return address.substring(address.indexOf('@') + 1);
  }

  private String url() {
    String host =
        profile == Profile.DIVERSE
            ? urlHost(urlHosts.sample(random.nextDouble()))
            : externalDomain(skewed(2000));
    StringBuilder sb = new StringBuilder("https://").append(host);
    int segments = 1 + random.nextInt(6);
    for (int i = 0; i < segments; i++) {
      sb.append('/')
          .append(WORDS[random.nextInt(50)])
          .append('-')
          .append(hex(4 + random.nextInt(12)));
    }
    if (random.nextBoolean()) {
      sb.append("?utm_source=mail&id=").append(hex(24));
    }
    return sb.toString();
  }

  private String subject() {
    int words = 2 + random.nextInt(7);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(pick(WORDS));
    }
    return sb.toString();
  }

  private String ip() {
    return random.nextInt(1, 224)
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(1, 255);
  }

  /** A value in [0, n) where small values are much more frequent (roughly Zipf-like). */
  private int skewed(int n) {
    double u = random.nextDouble();
    return (int) (n * u * u * u);
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private String hex(int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = Character.forDigit(random.nextInt(16), 16);
    }
    return new String(chars);
  }

  /** Ranks 0..n-1 with probability proportional to 1 / (rank + 1). */
  private static final class Zipf {
    static final Zipf SENDER_DOMAINS = new Zipf(DIVERSE_SENDER_DOMAINS);
    static final Zipf URL_HOSTS = new Zipf(DIVERSE_URL_HOSTS);

    private final double[] cumulative;

    private Zipf(int n) {
      cumulative = new double[n];
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += 1.0 / (i + 1);
        cumulative[i] = sum;
      }
      for (int i = 0; i < n; i++) {
        cumulative[i] /= sum;
      }
    }

    /** The rank for a uniform draw {@code u} in [0, 1). */
    int sample(double u) {
      int i = java.util.Arrays.binarySearch(cumulative, u);
      int rank = i >= 0 ? i + 1 : -i - 1;
      return Math.min(rank, cumulative.length - 1);
    }
  }

  /** Formats TTP dates like Mimecast ({@code 2021-10-16T14:45:34+0000}). */
  private static final class TtpDates {
    private static final java.time.format.DateTimeFormatter FORMAT =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssZ", Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);

    static String format(long epochMillis) {
      return FORMAT.format(java.time.Instant.ofEpochMilli(epochMillis));
    }
  }
}
