package io.mailsec.detect.rule;

import io.mailsec.core.schema.AlertFields;
import java.util.Locale;

/** How bad an alert is; ordered from {@link #INFO} to {@link #CRITICAL}. */
public enum Severity {
  INFO,
  LOW,
  MEDIUM,
  HIGH,
  CRITICAL;

  /** The name used in rule files, alerts and queries, e.g. {@code high}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The stored {@code severity_score}: 0 (info) to 4 (critical). */
  public long rank() {
    return ordinal();
  }

  /**
   * @throws IllegalArgumentException for anything but the five names (any case)
   */
  public static Severity parse(String text) {
    long rank =
        AlertFields.severityRank(text == null ? "" : text)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "severity must be one of "
                            + String.join(", ", AlertFields.SEVERITIES)
                            + ", not '"
                            + text
                            + "'"));
    return values()[(int) rank];
  }
}
