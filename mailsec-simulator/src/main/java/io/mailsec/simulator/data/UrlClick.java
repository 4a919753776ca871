package io.mailsec.simulator.data;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A URL Protect decision on a link of a message: a user click, or the scan at entry ({@code
 * creationMethod = Entry Scan}). Appears in the TTP URL log and as a SIEM url-protect row.
 *
 * @param date whole seconds (the log has second precision)
 * @param action {@code allow}, {@code warn} or {@code block}
 * @param adminOverride {@code N/A} unless an administrator permitted the URL ({@code Permit})
 * @param userOverride {@code None} unless the user overrode the decision
 */
public record UrlClick(
    String id,
    Email email,
    String user,
    String url,
    Instant date,
    boolean malicious,
    String category,
    String action,
    String creationMethod,
    String definition,
    String userAwarenessAction,
    String adminOverride,
    String userOverride,
    boolean credentialTheft,
    boolean legacyFormat) {

  /** User, URL, epoch seconds and message id; unique per click. */
  public Map<String, Object> groundTruthKey() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("user", user);
    key.put("url", url);
    key.put("epochSecond", date.getEpochSecond());
    key.put("messageId", email.messageId());
    return key;
  }
}
