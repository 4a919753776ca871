package io.mailsec.simulator.render;

import io.mailsec.simulator.data.AttachmentScan;
import io.mailsec.simulator.data.Direction;
import io.mailsec.simulator.data.DlpLog;
import io.mailsec.simulator.data.Email;
import io.mailsec.simulator.data.Impersonation;
import io.mailsec.simulator.data.ImpersonationLog;
import io.mailsec.simulator.data.UrlClick;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders TTP log records (mimecast-api.md §4.2-4.4) and audit events (§6). Dates are {@code +0000}
 * strings; booleans are real JSON booleans here, unlike SIEM 2.0.
 */
public final class TtpRenderer {
  private TtpRenderer() {}

  public static Map<String, Object> click(UrlClick click) {
    Email email = click.email();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("userEmailAddress", click.user());
    if (!click.legacyFormat()) {
      row.put("fromUserEmailAddress", email.envelopeSender());
    }
    row.put("url", click.url());
    row.put("ttpDefinition", click.definition());
    if (!click.legacyFormat()) {
      row.put("subject", email.subject());
    }
    row.put("action", click.action());
    if (!click.legacyFormat()) {
      // a malicious URL the user was let through (warning, admin permit) shows as Allow
      row.put(
          "actions",
          click.action().equals("block")
              ? "Block"
              : click.malicious() ? "Allow" : capitalized(click.action()));
    }
    row.put("adminOverride", click.adminOverride());
    row.put("userOverride", click.userOverride());
    row.put("scanResult", click.malicious() ? "malicious" : "clean");
    row.put("category", click.category());
    if (!click.legacyFormat()) {
      row.put(
          "sendingIp", email.direction() == Direction.INTERNAL ? "Internal IP" : email.senderIp());
    }
    row.put("userAwarenessAction", click.userAwarenessAction());
    row.put("date", Formats.apiDate(click.date()));
    row.put("route", email.direction().ttpRoute());
    if (!click.legacyFormat()) {
      row.put("creationMethod", click.creationMethod());
    }
    row.put("emailPartsDescription", List.of("Body"));
    row.put("messageId", email.messageId());
    if (click.malicious() && !click.legacyFormat()) {
      Map<String, Object> scan = new LinkedHashMap<>();
      boolean blocked = click.action().equals("block");
      scan.put("Status", List.of("CustomerAll", "Verdict" + capitalized(click.action())));
      scan.put("Type", List.of(click.category()));
      if (blocked) {
        scan.put(
            "UrlBlock",
            List.of(
                "ORIGINAL:"
                    + click.url()
                    + " (Blocked as "
                    + click.category().toUpperCase(Locale.ROOT)
                    + ")"));
      }
      scan.put("Url", List.of(click.url()));
      row.put("tagMap", Map.of("UrlReputationScan", scan));
    }
    return row;
  }

  public static Map<String, Object> attachment(AttachmentScan scan) {
    Email email = scan.email();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("senderAddress", email.envelopeSender());
    row.put("recipientAddress", scan.recipient());
    row.put("fileName", scan.attachment().fileName());
    row.put("fileType", scan.attachment().mimeType());
    row.put("result", scan.result());
    row.put("actionTriggered", scan.actionTriggered());
    row.put("date", Formats.apiDate(scan.date()));
    row.put("details", details(scan));
    row.put("route", email.direction().ttpRoute());
    row.put("messageId", email.messageId());
    row.put("subject", email.subject());
    row.put("fileHash", scan.attachment().sha256());
    row.put("definition", scan.definition());
    return row;
  }

  /** Space-padded verdict, CRLF, duration: the layout Mimecast's {@code details} field has. */
  private static String details(AttachmentScan scan) {
    int seconds = scan.secondsTaken();
    String verdict = capitalized(scan.result());
    return String.format(
        Locale.ROOT,
        "%-50s\r\nTime taken: %d hrs, %d min, %d sec",
        verdict,
        seconds / 3_600,
        (seconds / 60) % 60,
        seconds % 60);
  }

  public static Map<String, Object> impersonation(ImpersonationLog log) {
    Email email = log.email();
    Impersonation imp = log.impersonation();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", imp.token());
    row.put("senderAddress", email.envelopeSender());
    row.put("recipientAddress", log.recipient());
    row.put("subject", email.subject());
    row.put("definition", imp.definition());
    row.put("hits", imp.hits());
    row.put("identifiers", imp.identifiers());
    row.put("action", imp.action());
    row.put("taggedExternal", imp.taggedExternal());
    row.put("taggedMalicious", imp.taggedMalicious());
    row.put("senderIpAddress", email.senderIp());
    row.put("eventTime", Formats.apiDate(log.eventTime()));
    List<Map<String, Object>> results = new ArrayList<>();
    for (Impersonation.Result result : imp.results()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("impersonationDomainSource", result.source());
      if (result.similarDomain() != null) {
        item.put("similarDomain", result.similarDomain());
      }
      item.put("stringSimilarToDomain", result.similarString());
      if (result.checkerResult() != null) {
        item.put("checkerResult", result.checkerResult());
      }
      results.add(item);
    }
    row.put("impersonationResults", results);
    row.put("messageId", email.messageId());
    return row;
  }

  /**
   * A DLP log record (mimecast-api.md §6, last paragraph): the fields peers read, with the TTP
   * conventions for dates and routes (the reference gives no sample record, *inferred*).
   */
  public static Map<String, Object> dlp(DlpLog log) {
    Email email = log.email();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("senderAddress", email.envelopeSender());
    row.put("recipientAddress", log.recipient());
    row.put("subject", email.subject());
    row.put("eventTime", Formats.apiDate(log.eventTime()));
    row.put("route", email.direction().ttpRoute());
    row.put("policy", log.policy());
    row.put("action", log.action());
    row.put("messageId", email.messageId());
    return row;
  }

  static String capitalized(String word) {
    return word.isEmpty()
        ? word
        : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }
}
