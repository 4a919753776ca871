package io.mailsec.simulator.render;

import io.mailsec.simulator.data.Email;
import java.util.LinkedHashMap;
import java.util.Map;

/** The SPF/DKIM/DMARC summary: an object in 1.0 files, a JSON string in 2.0 events. */
final class SpamDetail {
  private SpamDetail() {}

  static Map<String, Object> asObject(Email email) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("spf", check(email.spf()));
    detail.put("dkim", check(email.dkim()));
    detail.put("dmarc", check(email.dmarc()));
    return detail;
  }

  private static Map<String, Object> check(String info) {
    Map<String, Object> check = new LinkedHashMap<>();
    check.put("info", info);
    check.put("allow", true);
    return check;
  }
}
