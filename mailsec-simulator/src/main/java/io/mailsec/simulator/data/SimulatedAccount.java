package io.mailsec.simulator.data;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Everything the simulated Mimecast account holds, as a pure function of (seed, time).
 *
 * <p>Traffic is generated lazily per absolute 5-minute slot from {@code (seed, slot)}, so a slot
 * has the same messages whenever it is asked for, memory stays bounded (small LRU caches) and new
 * messages keep appearing as the clock advances. The methods take {@code now} and only ever return
 * what is <em>available</em> at that instant:
 *
 * <ul>
 *   <li>SIEM rows are published per 15-minute period when the period ends, and retained while the
 *       period ends after {@code now - history};
 *   <li>TTP and DLP records are available from their (whole-second) time and retained for {@code
 *       history};
 *   <li>threat-feed files cover one hour each, published when the hour ends, retained like SIEM;
 *   <li>audit events are available from their time and retained for 60 days.
 * </ul>
 *
 * <p>Injected scenarios ({@link #inject}) add their records on top of the generated ones; each
 * record becomes available on the schedule of its kind, like generated records.
 *
 * <p>Thread-safe.
 */
public final class SimulatedAccount {
  public static final Duration SLOT = Duration.ofMinutes(5);
  public static final Duration SIEM_PERIOD = Duration.ofMinutes(15);
  public static final Duration FEED_PERIOD = Duration.ofHours(1);
  public static final Duration AUDIT_RETENTION = Duration.ofDays(60);

  private static final long SLOT_MS = SLOT.toMillis();
  private static final long PERIOD_MS = SIEM_PERIOD.toMillis();
  private static final long HOUR_MS = FEED_PERIOD.toMillis();
  private static final long TRAFFIC_STREAM = 0x7AFF1CL;
  private static final long GRID_STREAM = 0x6121DL;

  private final long seed;
  private final int messagesPerDay;
  private final Duration history;
  private final Tenant tenant;
  private final MessagePlanner planner = new MessagePlanner();
  private final MessageFactory factory;
  private final AuditLog auditLog;
  private final long idKey;

  private final ScenarioFactory scenarios;

  private final BoundedCache<List<GeneratedMessage>> slots = new BoundedCache<>(320);
  private final Object injectionLock = new Object();
  private volatile List<Injection> injections = List.of();
  private volatile DerivedCaches derived = new DerivedCaches();
  private final BoundedCache<List<ThreatIndicator>> gridHours = new BoundedCache<>(256);
  private final BoundedCache<List<AuditEvent>> auditHours = new BoundedCache<>(2_048);

  public SimulatedAccount(long seed, int messagesPerDay, Duration history) {
    if (messagesPerDay < 0 || messagesPerDay > 1_000_000) {
      throw new IllegalArgumentException("messagesPerDay must be in [0, 1000000]");
    }
    this.seed = seed;
    this.messagesPerDay = messagesPerDay;
    this.history = history;
    this.tenant = Tenant.generate(seed);
    this.factory = new MessageFactory(tenant);
    this.auditLog = new AuditLog(seed, tenant);
    this.idKey = Rng.mix(seed ^ TRAFFIC_STREAM);
    this.scenarios = new ScenarioFactory(seed, tenant, factory, auditLog, idKey);
  }

  /**
   * Caches of data derived from traffic and injections. An injection replaces them as a whole, so a
   * computation that started before it can only fill the discarded instance.
   */
  private static final class DerivedCaches {
    final BoundedCache<List<SiemEvent>> periods = new BoundedCache<>(256);
    final BoundedCache<HourRecords> hours = new BoundedCache<>(256);
  }

  public Tenant tenant() {
    return tenant;
  }

  public Duration history() {
    return history;
  }

  // ------------------------------------------------------------------ scenarios

  /**
   * Injects a scenario. Injecting the same (scenario, time, parameters) again changes nothing and
   * returns the existing injection, so its records are never served twice.
   *
   * @throws IllegalArgumentException if a parameter is unknown or invalid
   */
  public Injection inject(ScenarioType type, Instant at, Map<String, String> params) {
    Injection built = scenarios.build(type, at, params);
    synchronized (injectionLock) {
      for (Injection existing : injections) {
        if (existing.id().equals(built.id())) {
          return existing;
        }
      }
      List<Injection> next = new ArrayList<>(injections);
      next.add(built);
      injections = List.copyOf(next);
      derived = new DerivedCaches();
    }
    return built;
  }

  /** The injections so far, in injection order. */
  public List<Injection> injections() {
    return injections;
  }

  /**
   * Counts changes of the account's data: it grows with every new injection. Caches of rendered
   * data outside this class compare it to know when to start over.
   */
  public int revision() {
    return injections.size();
  }

  // ------------------------------------------------------------------ traffic

  /** Messages received in one 5-minute slot ({@code slot} = epoch millis / 5 min), oldest first. */
  public List<GeneratedMessage> messagesInSlot(long slot) {
    return slots.get(slot, this::generateSlot);
  }

  private List<GeneratedMessage> generateSlot(long slot) {
    Rng rng = Rng.of(seed, TRAFFIC_STREAM, slot);
    int count = messageCount(slot, rng);
    List<Long> offsets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      offsets.add(rng.betweenLong(0, SLOT_MS - 1));
    }
    offsets.sort(Comparator.naturalOrder());
    Set<String> indicatorKeys = new HashSet<>();
    List<GeneratedMessage> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Rng messageRng = Rng.of(seed, TRAFFIC_STREAM, slot, i);
      MessagePlan plan = planner.draw(messageRng);
      Instant receivedAt = Instant.ofEpochMilli(slot * SLOT_MS + offsets.get(i));
      long uniqueId = Rng.mix(((slot << 20) | i) ^ idKey);
      messages.add(
          factory.create(
              plan, receivedAt, uniqueId, "m" + slot + "." + i, messageRng, indicatorKeys));
    }
    return List.copyOf(messages);
  }

  /** messagesPerDay spread over the day with a daily rhythm (busiest around 12:00 UTC). */
  private int messageCount(long slot, Rng rng) {
    double dayFraction =
        LocalTime.ofInstant(Instant.ofEpochMilli(slot * SLOT_MS), ZoneOffset.UTC).toSecondOfDay()
            / 86_400.0;
    double rhythm = 1 + 0.5 * Math.sin(2 * Math.PI * (dayFraction - 0.25));
    double expected = messagesPerDay * (SLOT_MS / 86_400_000.0) * rhythm;
    int whole = (int) expected;
    return whole + (rng.nextDouble() < expected - whole ? 1 : 0);
  }

  /** Messages received in {@code [from, to)}. */
  List<GeneratedMessage> messagesReceived(Instant from, Instant to) {
    List<GeneratedMessage> result = new ArrayList<>();
    long first = Math.floorDiv(from.toEpochMilli(), SLOT_MS);
    long last = Math.floorDiv(to.toEpochMilli() - 1, SLOT_MS);
    for (long slot = first; slot <= last; slot++) {
      for (GeneratedMessage message : messagesInSlot(slot)) {
        Instant received = message.email().receivedAt();
        if (!received.isBefore(from) && received.isBefore(to)) {
          result.add(message);
        }
      }
    }
    return result;
  }

  // ------------------------------------------------------------------ SIEM

  public static long siemPeriodOf(Instant time) {
    return Math.floorDiv(time.toEpochMilli(), PERIOD_MS);
  }

  public static Instant siemPeriodStart(long period) {
    return Instant.ofEpochMilli(period * PERIOD_MS);
  }

  public static Instant siemPeriodEnd(long period) {
    return siemPeriodStart(period + 1);
  }

  /** The newest period whose files are published at {@code now}. */
  public long newestPublishedSiemPeriod(Instant now) {
    return Math.floorDiv(now.toEpochMilli(), PERIOD_MS) - 1;
  }

  /** The oldest period still retained at {@code now}. */
  public long oldestRetainedSiemPeriod(Instant now) {
    return Math.floorDiv(now.minus(history).toEpochMilli(), PERIOD_MS);
  }

  /** All SIEM rows whose time falls in the period, ordered by (time, id). */
  public List<SiemEvent> siemEvents(long period) {
    return derived.periods.get(period, this::collectPeriod);
  }

  private List<SiemEvent> collectPeriod(long period) {
    Instant start = siemPeriodStart(period);
    Instant end = siemPeriodEnd(period);
    List<SiemEvent> events = new ArrayList<>();
    for (GeneratedMessage message : withInjected(start, end)) {
      for (SiemEvent event : message.siemEvents()) {
        if (!event.time().isBefore(start) && event.time().isBefore(end)) {
          events.add(event);
        }
      }
    }
    events.sort(Comparator.comparing(SiemEvent::time).thenComparing(SiemEvent::id));
    return List.copyOf(events);
  }

  public List<SiemEvent> siemEvents(long period, SiemType type) {
    return siemEvents(period).stream().filter(e -> e.type() == type).toList();
  }

  /** Every SIEM row available at {@code now} (published and retained). */
  public List<SiemEvent> availableSiemEvents(Instant now) {
    List<SiemEvent> all = new ArrayList<>();
    for (long p = oldestRetainedSiemPeriod(now); p <= newestPublishedSiemPeriod(now); p++) {
      all.addAll(siemEvents(p));
    }
    return all;
  }

  // ------------------------------------------------------------------ TTP and threat feed

  /** Records of one UTC hour, derived from the messages that can reach into it. */
  private record HourRecords(
      List<UrlClick> clicks,
      List<AttachmentScan> scans,
      List<ImpersonationLog> impersonations,
      List<ThreatIndicator> customerIndicators,
      List<DlpLog> dlpLogs) {}

  private HourRecords hourRecords(long hour) {
    return derived.hours.get(hour, this::collectHour);
  }

  /**
   * The messages that can have records in {@code [start, end)}: traffic received up to {@link
   * MessageFactory#MAX_RECORD_LAG} before, and every injected message (few; callers filter by
   * record time).
   */
  private List<GeneratedMessage> withInjected(Instant start, Instant end) {
    List<GeneratedMessage> messages =
        new ArrayList<>(messagesReceived(start.minus(MessageFactory.MAX_RECORD_LAG), end));
    for (Injection injection : injections) {
      messages.addAll(injection.messages());
    }
    return messages;
  }

  private HourRecords collectHour(long hour) {
    Instant start = Instant.ofEpochMilli(hour * HOUR_MS);
    Instant end = Instant.ofEpochMilli((hour + 1) * HOUR_MS);
    List<UrlClick> clicks = new ArrayList<>();
    List<AttachmentScan> scans = new ArrayList<>();
    List<ImpersonationLog> impersonations = new ArrayList<>();
    List<ThreatIndicator> indicators = new ArrayList<>();
    List<DlpLog> dlpLogs = new ArrayList<>();
    for (GeneratedMessage message : withInjected(start, end)) {
      collect(message.dlpLogs(), DlpLog::eventTime, start, end, dlpLogs);
      collect(message.clicks(), UrlClick::date, start, end, clicks);
      collect(message.attachmentScans(), AttachmentScan::date, start, end, scans);
      collect(message.impersonationLogs(), ImpersonationLog::eventTime, start, end, impersonations);
      collect(message.customerIndicators(), ThreatIndicator::time, start, end, indicators);
    }
    for (Injection injection : injections) {
      collect(injection.indicators(), ThreatIndicator::time, start, end, indicators);
    }
    clicks.sort(Comparator.comparing(UrlClick::date).thenComparing(UrlClick::id));
    scans.sort(Comparator.comparing(AttachmentScan::date).thenComparing(AttachmentScan::id));
    impersonations.sort(
        Comparator.comparing(ImpersonationLog::eventTime).thenComparing(ImpersonationLog::id));
    indicators.sort(Comparator.comparing(ThreatIndicator::time).thenComparing(ThreatIndicator::id));
    dlpLogs.sort(Comparator.comparing(DlpLog::eventTime).thenComparing(DlpLog::id));
    return new HourRecords(
        List.copyOf(clicks),
        List.copyOf(scans),
        List.copyOf(impersonations),
        List.copyOf(indicators),
        List.copyOf(dlpLogs));
  }

  private static <T> void collect(
      List<T> records, Function<T, Instant> time, Instant start, Instant end, List<T> into) {
    for (T record : records) {
      Instant t = time.apply(record);
      if (!t.isBefore(start) && t.isBefore(end)) {
        into.add(record);
      }
    }
  }

  /** The earliest instant whose TTP records are still retained at {@code now}. */
  public Instant ttpRetentionStart(Instant now) {
    return now.minus(history);
  }

  /**
   * URL clicks with {@code from <= date <= to}, clamped to what is available at now; oldest first.
   */
  public List<UrlClick> clicks(Instant from, Instant to, Instant now) {
    return inWindow(from, to, now, h -> hourRecords(h).clicks(), UrlClick::date);
  }

  public List<AttachmentScan> attachmentScans(Instant from, Instant to, Instant now) {
    return inWindow(from, to, now, h -> hourRecords(h).scans(), AttachmentScan::date);
  }

  public List<ImpersonationLog> impersonationLogs(Instant from, Instant to, Instant now) {
    return inWindow(
        from, to, now, h -> hourRecords(h).impersonations(), ImpersonationLog::eventTime);
  }

  /** DLP logs with {@code from <= eventTime <= to}, retained like TTP logs; oldest first. */
  public List<DlpLog> dlpLogs(Instant from, Instant to, Instant now) {
    return inWindow(from, to, now, h -> hourRecords(h).dlpLogs(), DlpLog::eventTime);
  }

  private <T> List<T> inWindow(
      Instant from,
      Instant to,
      Instant now,
      Function<Long, List<T>> perHour,
      Function<T, Instant> time) {
    Instant lower = max(from, ttpRetentionStart(now));
    Instant upper = to.isAfter(now) ? now : to;
    List<T> result = new ArrayList<>();
    if (upper.isBefore(lower)) {
      return result;
    }
    for (long h = Math.floorDiv(lower.toEpochMilli(), HOUR_MS);
        h <= Math.floorDiv(upper.toEpochMilli(), HOUR_MS);
        h++) {
      for (T record : perHour.apply(h)) {
        Instant t = time.apply(record);
        if (!t.isBefore(lower) && !t.isAfter(upper)) {
          result.add(record);
        }
      }
    }
    return result;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  public static long feedPeriodOf(Instant time) {
    return Math.floorDiv(time.toEpochMilli(), HOUR_MS);
  }

  public static Instant feedPeriodStart(long hour) {
    return Instant.ofEpochMilli(hour * HOUR_MS);
  }

  public long newestPublishedFeedPeriod(Instant now) {
    return Math.floorDiv(now.toEpochMilli(), HOUR_MS) - 1;
  }

  public long oldestRetainedFeedPeriod(Instant now) {
    return Math.floorDiv(now.minus(history).toEpochMilli(), HOUR_MS);
  }

  /** The indicators of one feed file (one UTC hour), oldest first, without the repeats. */
  public List<ThreatIndicator> feedIndicators(FeedType feed, long hour) {
    List<ThreatIndicator> customer = hourRecords(hour).customerIndicators();
    if (feed == FeedType.MALWARE_CUSTOMER) {
      return customer;
    }
    List<ThreatIndicator> grid = new ArrayList<>(gridHours.get(hour, this::gridOnly));
    for (ThreatIndicator indicator : customer) {
      grid.add(
          indicator.inFeed(
              FeedType.MALWARE_GRID, gridId(indicator), Rng.mix(indicator.stixKey() + 1)));
    }
    grid.sort(Comparator.comparing(ThreatIndicator::time).thenComparing(ThreatIndicator::id));
    return List.copyOf(grid);
  }

  /** The id a customer indicator has in the grid feed, which repeats it. */
  static String gridId(ThreatIndicator customerIndicator) {
    return customerIndicator.id() + "/grid";
  }

  /**
   * Grid detections from other accounts: distinct seconds within the hour and a pool disjoint from
   * the customer's, so (sha256, second) stays unique in the grid feed.
   */
  private List<ThreatIndicator> gridOnly(long hour) {
    Rng rng = Rng.of(seed, GRID_STREAM, hour);
    int count = rng.between(0, 4);
    TreeSet<Integer> seconds = new TreeSet<>();
    while (seconds.size() < count) {
      seconds.add(rng.nextInt(3_600));
    }
    List<ThreatIndicator> result = new ArrayList<>();
    int index = 0;
    for (int second : seconds) {
      Attachment file = rng.pick(tenant.gridOnlyMalware());
      String domain = rng.pick(Vocabulary.MALICIOUS_SENDER_DOMAINS);
      result.add(
          ThreatIndicator.ofFile(
              "g" + hour + "." + index + "/ti/" + FeedType.MALWARE_GRID.apiName(),
              FeedType.MALWARE_GRID,
              Instant.ofEpochMilli(hour * HOUR_MS + second * 1_000L + rng.nextInt(1_000)),
              rng.pick(List.of("billing", "hr", "docs", "no-reply")) + "@" + domain,
              rng.pick(Vocabulary.MALICIOUS_IP_PREFIXES) + rng.between(2, 254),
              rng.pick(Vocabulary.PHISHING_SUBJECTS),
              file,
              Rng.mix(((hour << 8) | index) ^ Rng.mix(seed ^ GRID_STREAM)),
              rng.chance(0.05)));
      index++;
    }
    return List.copyOf(result);
  }

  /** Every indicator of the feed available at {@code now}. */
  public List<ThreatIndicator> availableIndicators(FeedType feed, Instant now) {
    List<ThreatIndicator> all = new ArrayList<>();
    for (long h = oldestRetainedFeedPeriod(now); h <= newestPublishedFeedPeriod(now); h++) {
      all.addAll(feedIndicators(feed, h));
    }
    return all;
  }

  // ------------------------------------------------------------------ audit

  public Instant auditRetentionStart(Instant now) {
    return now.minus(AUDIT_RETENTION);
  }

  /**
   * Audit events with {@code from <= eventTime <= to}, clamped to what is available; oldest first.
   */
  public List<AuditEvent> auditEvents(Instant from, Instant to, Instant now) {
    Instant lower = max(from, auditRetentionStart(now));
    Instant upper = to.isAfter(now) ? now : to;
    List<AuditEvent> result = new ArrayList<>();
    if (upper.isBefore(lower)) {
      return result;
    }
    for (long h = Math.floorDiv(lower.toEpochMilli(), HOUR_MS);
        h <= Math.floorDiv(upper.toEpochMilli(), HOUR_MS);
        h++) {
      for (AuditEvent event : auditHours.get(h, auditLog::hour)) {
        if (!event.eventTime().isBefore(lower) && !event.eventTime().isAfter(upper)) {
          result.add(event);
        }
      }
    }
    boolean injected = false;
    for (Injection injection : injections) {
      for (AuditEvent event : injection.auditEvents()) {
        if (!event.eventTime().isBefore(lower) && !event.eventTime().isAfter(upper)) {
          result.add(event);
          injected = true;
        }
      }
    }
    if (injected) {
      // stable: generated events of the same second keep their order
      result.sort(Comparator.comparing(AuditEvent::eventTime));
    }
    return result;
  }
}
