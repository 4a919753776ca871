package io.mailsec.core.schema;

import static io.mailsec.core.schema.FieldType.IP;
import static io.mailsec.core.schema.FieldType.KEYWORD;
import static io.mailsec.core.schema.FieldType.LONG;
import static io.mailsec.core.schema.FieldType.TEXT;
import static io.mailsec.core.schema.FieldType.TIMESTAMP;
import static io.mailsec.core.schema.LogicalType.EMAIL;
import static io.mailsec.core.schema.LogicalType.HASH;

import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The {@code alert} schema: one detection raised by a rule (or a built-in detector) of
 * mailsec-detect, stored in the event store next to the events it was raised on. Concepts follow
 * Taegis alerts (group key, occurrences, status) and Sentinel incidents (entities, MITRE ids).
 *
 * <p>{@code severity} is a keyword with the ordered values {@link #SEVERITIES}; {@code
 * severity_score} holds its rank (0 for {@code info} to 4 for {@code critical}), and the query
 * language compares {@code severity} by rank, so {@code severity >= 'high'} means high or critical.
 */
public final class AlertFields {
  /** Severities from lowest to highest; a severity's rank is its index. */
  public static final List<String> SEVERITIES =
      List.of("info", "low", "medium", "high", "critical");

  /** Statuses an alert moves through. */
  public static final List<String> STATUSES =
      List.of("open", "acknowledged", "resolved", "suppressed");

  private AlertFields() {}

  /** The rank of a severity name (any case), or empty when it is not one. */
  public static OptionalLong severityRank(String name) {
    int rank = SEVERITIES.indexOf(name.toLowerCase(Locale.ROOT));
    return rank < 0 ? OptionalLong.empty() : OptionalLong.of(rank);
  }

  static List<FieldDef> fields() {
    return new FieldListBuilder()
        .one("rule_id", KEYWORD, "Id of the rule or detector that raised the alert")
        .one("rule_name", KEYWORD, "Name of that rule")
        .one("title", KEYWORD, "Short title: the rule name, with the group key when there is one")
        .one("description", TEXT, "What the alert means and what to check")
        .one(
            "severity",
            KEYWORD,
            "`info`, `low`, `medium`, `high` or `critical`; `<`, `>` and friends compare by rank")
        .one("severity_score", LONG, "Rank of the severity: 0 (info) to 4 (critical)")
        .one("confidence", LONG, "Confidence 0-100 that the alert is a true positive")
        .many("mitre_techniques", KEYWORD, "MITRE ATT&CK technique ids, e.g. `T1566`")
        .many("tags", KEYWORD, "Tags of the rule")
        .one("group_key", KEYWORD, "Values of the rule's group-by fields that this alert is for")
        .one("occurrences", LONG, "How many matches (or threshold crossings) the alert counts")
        .one("first_seen", TIMESTAMP, "Event time of the first match")
        .one("last_seen", TIMESTAMP, "Event time of the latest match")
        .many(
            "matched_event_ids",
            KEYWORD,
            "Ids of the matched events (the first 100; `occurrences` counts all)")
        .many("matched_schemas", KEYWORD, "Schemas of the matched events")
        .object("entities", "What the alert is about, collected from the matched events")
        .many("entities.senders", KEYWORD, "Sender addresses", EMAIL, LogicalType.USER)
        .many("entities.recipients", KEYWORD, "Recipient addresses", EMAIL, LogicalType.USER)
        .many("entities.urls", KEYWORD, "URLs", LogicalType.URL)
        .many("entities.domains", KEYWORD, "Domains and URL hosts", LogicalType.DOMAIN)
        .many("entities.hashes", KEYWORD, "File hashes", HASH)
        .many("entities.ips", IP, "IP addresses", LogicalType.IP)
        .many("entities.message_ids", KEYWORD, "Internet Message-IDs")
        .many("entities.users", KEYWORD, "Administrators or users who acted", LogicalType.USER)
        .many("entities.streams", KEYWORD, "Collection streams (`integration/data_type`)")
        .many("indicator_ids", KEYWORD, "Threat indicators the matched events hit")
        .one("status", KEYWORD, "`open`, `acknowledged`, `resolved` or `suppressed`")
        .one("status_changed_by", KEYWORD, "Who changed the status last (`mailsec` for the system)")
        .one("status_changed_at", TIMESTAMP, "When the status was changed last")
        .objects("history", "Every status change, oldest first")
        .one("history.time", TIMESTAMP, "When the status changed")
        .one("history.actor", KEYWORD, "Who changed it")
        .one("history.from", KEYWORD, "Status before")
        .one("history.to", KEYWORD, "Status after")
        .one("history.note", TEXT, "Why, as the actor wrote it")
        .build();
  }

  /** Fields added to the email and http schemas to mark events that hit threat indicators. */
  static List<FieldDef> indicatorMatchFields() {
    return new FieldListBuilder()
        .object("ti", "Threat-intel matches found by detection")
        .many("ti.indicator_ids", KEYWORD, "Ids (event ids) of the threat indicators it matched")
        .many("ti.values", KEYWORD, "The observables that matched: hashes, URLs, hosts, IPs")
        .build();
  }
}
