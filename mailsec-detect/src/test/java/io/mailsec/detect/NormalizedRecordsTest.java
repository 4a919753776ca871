package io.mailsec.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailsec.core.event.Event;
import io.mailsec.detect.rule.CompiledRule;
import io.mailsec.detect.rule.RuleSet;
import io.mailsec.normalize.ApiVersion;
import io.mailsec.normalize.DataType;
import io.mailsec.normalize.MimecastNormalizer;
import io.mailsec.normalize.NormalizationContext;
import io.mailsec.normalize.NormalizationResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The key detections on events that the real normalizer makes from Mimecast-shaped records (the
 * shapes of mailsec-normalize's golden files), so rules are proven on the fields it produces.
 */
class NormalizedRecordsTest {
  private static final MimecastNormalizer NORMALIZER = new MimecastNormalizer();
  private static final DetectionConfig CONFIG =
      DetectionConfig.DEFAULTS
          .withList("finance_recipients", List.of("johndoe@example.com"))
          .withList("internal_domains", List.of("example.com"));
  private static final RuleSet RULES = RuleSet.load(CONFIG, null, Map.of());

  private static Event normalize(DataType type, ApiVersion version, String record) {
    NormalizationContext ctx =
        NormalizationContext.builder("tenant-1", "demo", type)
            .apiVersion(version)
            .internalDomains(Set.of("example.com"))
            .ingestTime(Instant.parse("2021-10-19T00:00:00Z"))
            .origin("test")
            .build();
    NormalizationResult result = NORMALIZER.normalize(record, ctx);
    assertThat(result.quarantined()).isEmpty();
    return result.events().get(0);
  }

  /** Rules that fire on this one event (threshold rules need many and are tested below). */
  private static Set<String> matchingRules(Event event) {
    return RULES.enabled().stream()
        .filter(r -> r.rule().threshold() == null && r.matches(event))
        .map(CompiledRule::id)
        .collect(Collectors.toSet());
  }

  @Test
  void dlpHoldAndNotification() {
    Event hold =
        normalize(
            DataType.DLP,
            ApiVersion.V2_0,
            "{\"senderAddress\":\"johndoe@example.com\",\"recipientAddress\":"
                + "\"buyer@partner.example\",\"subject\":\"Customer list Q3 - confidential\","
                + "\"eventTime\":\"2021-10-15T11:42:07+0000\",\"route\":\"outbound\",\"policy\":"
                + "\"Content Inspection - Watermark\",\"action\":\"hold\",\"messageId\":"
                + "\"<CAJ3x8v1QW@mail.example.com>\"}");
    assertThat(matchingRules(hold)).containsExactly("mimecast-dlp-hold");
    Event notification =
        normalize(
            DataType.DLP,
            ApiVersion.V1_0,
            "{\"senderAddress\":\"jane.roe@example.com\",\"recipientAddress\":"
                + "\"johndoe@example.com\",\"subject\":\"Payroll export\",\"eventTime\":"
                + "\"2021-10-15T12:00:01+0000\",\"route\":\"internal\",\"policy\":"
                + "\"Content Examination - Personal Data (GDPR)\",\"action\":\"notification\","
                + "\"messageId\":\"<payroll-7@example.com>\"}");
    assertThat(matchingRules(notification)).containsExactly("mimecast-dlp-notification");
  }

  @Test
  void maliciousTtpAttachment() {
    Event e =
        normalize(
            DataType.TTP_ATTACHMENT,
            ApiVersion.V2_0,
            "{\"senderAddress\":\"thomas.bentz@empirepartners.b41.one\",\"recipientAddress\":"
                + "\"johndoe@example.com\",\"fileName\":\"Invoice_2021.DOCM\",\"fileType\":"
                + "\"application/vnd.ms-word.document.macroEnabled.12\",\"result\":\"malicious\","
                + "\"actionTriggered\":\"none\",\"date\":\"2021-10-15T09:00:00+0000\",\"route\":"
                + "\"inbound\",\"messageId\":\"<mal-1@empirepartners.b41.one>\",\"subject\":"
                + "\"Invoice\",\"fileHash\":\"EC5A6C52ACDC187FC6C1187F14CD685C686C2B283503A023C4A9D3"
                + "A977B491BE\",\"definition\":\"Default Inbound Attachment Protect Definition\"}");
    assertThat(matchingRules(e)).containsExactly("mimecast-ttp-attachment");
    Event safe =
        normalize(
            DataType.TTP_ATTACHMENT,
            ApiVersion.V2_0,
            "{\"senderAddress\":\"a@b.example\",\"recipientAddress\":\"johndoe@example.com\","
                + "\"fileName\":\"r.pdf\",\"result\":\"safe\",\"actionTriggered\":\"none\","
                + "\"date\":\"2021-10-15T09:00:00+0000\",\"fileHash\":\"AA\"}");
    assertThat(matchingRules(safe)).isEmpty();
  }

  @Test
  void ttpUrlClicks() {
    String blocked =
        "{\"userEmailAddress\":\"johndoe@example.com\",\"fromUserEmailAddress\":"
            + "\"info@shop.example\",\"url\":\"https://www.nflshop.com/x\",\"ttpDefinition\":"
            + "\"Inbound URL 'Aggressive'\",\"action\":\"block\",\"actions\":\"Block\","
            + "\"adminOverride\":\"N/A\",\"userOverride\":\"None\",\"scanResult\":\"malicious\","
            + "\"category\":\"Compromised\",\"sendingIp\":\"67.43.156.15\","
            + "\"userAwarenessAction\":\"NA\",\"date\":\"2021-10-16T14:45:34+0000\",\"route\":"
            + "\"inbound\",\"creationMethod\":\"User Click\",\"messageId\":\"<m@x>\"}";
    assertThat(matchingRules(normalize(DataType.TTP_URL, ApiVersion.V2_0, blocked)))
        .containsExactly("mimecast-ttp-url");
    String continued =
        blocked
            .replace("\"action\":\"block\"", "\"action\":\"warn\"")
            .replace("\"userAwarenessAction\":\"NA\"", "\"userAwarenessAction\":\"Continue\"");
    assertThat(matchingRules(normalize(DataType.TTP_URL, ApiVersion.V2_0, continued)))
        .containsExactlyInAnyOrder("mimecast-ttp-url", "url-warning-click-through");
    String clean = blocked.replace("\"scanResult\":\"malicious\"", "\"scanResult\":\"clean\"");
    assertThat(matchingRules(normalize(DataType.TTP_URL, ApiVersion.V2_0, clean))).isEmpty();
  }

  @Test
  void siemUrlProtectAndImpersonationOfFinance() {
    Event url =
        normalize(
            DataType.SIEM,
            ApiVersion.V2_0,
            "{\"accountId\":\"C1\",\"aggregateId\":\"UrlAgg1\",\"processingId\":\"P1\","
                + "\"timestamp\":1731499066000,\"type\":\"url protect\",\"url\":"
                + "\"https://login-microsoftonline.example/common\",\"urlCategory\":"
                + "\"Phishing & Fraud\",\"action\":\"Block\",\"blockReason\":\"malicious\","
                + "\"senderEnvelope\":\"news@shop.example\",\"sourceIp\":\"198.51.100.20\","
                + "\"recipients\":\"v@example.com\",\"route\":\"inbound\",\"messageId\":\"<n@s>\"}");
    assertThat(matchingRules(url)).containsExactly("mimecast-seg-url-protect");
    Event impersonation =
        normalize(
            DataType.TTP_IMPERSONATION,
            ApiVersion.V2_0,
            "{\"id\":\"MTOKEN:x\",\"senderAddress\":\"smtp@examp1e.com\",\"recipientAddress\":"
                + "\"johndoe@example.com\",\"subject\":\"Requested File\",\"definition\":\"IP\","
                + "\"hits\":2,\"identifiers\":[\"targeted_threat_dictionary\","
                + "\"internal_user_name\"],\"action\":\"hold\",\"taggedExternal\":false,"
                + "\"taggedMalicious\":true,\"senderIpAddress\":\"67.43.156.15\",\"eventTime\":"
                + "\"2021-10-15T17:10:46+0000\",\"messageId\":\"<EE7E@emailsec.ninja>\"}");
    assertThat(matchingRules(impersonation))
        .containsExactlyInAnyOrder(
            "mimecast-ttp-impersonation", "impersonation-finance-executives");
  }

  @Test
  void fourFailedLogonsFromOneIpWithinFifteenMinutesRaiseOneAlert() {
    CompiledRule rule = RULES.get("mimecast-audit-logon-failures").orElseThrow();
    List<Event> failures =
        List.of("08:50:00", "08:53:00", "08:57:00", "09:01:00").stream()
            .map(
                time ->
                    normalize(
                        DataType.AUDIT,
                        ApiVersion.V1_0,
                        "{\"id\":\"a-"
                            + time
                            + "\",\"auditType\":\"Logon Authentication Failed\",\"user\":"
                            + "\"John Doe <johndoe@example.com>\",\"eventTime\":\"2021-10-18T"
                            + time
                            + "+0000\",\"eventInfo\":\"Failed authentication for"
                            + " johndoe@example.com, Date: 2021-10-18, Time: 09:50:00 BST, IP:"
                            + " 2001:db8::7, Application: Mimecast Personal Portal, Reason:"
                            + " Invalid password\",\"category\":\"authentication_logs\"}"))
            .toList();
    assertThat(failures).allSatisfy(e -> assertThat(rule.matches(e)).isTrue());
    assertThat(RuleTester.alertsRaised(rule, failures)).isEqualTo(1);
    assertThat(RuleTester.alertsRaised(rule, failures.subList(0, 3))).isZero();
  }
}
