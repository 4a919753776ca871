package io.mailsec.normalize.siem;

import java.util.Locale;
import java.util.Optional;

/**
 * The normalized {@code status} of a SIEM row. Delivery rows take it from {@code Delivered} ({@code
 * delivered} / {@code failed}), journal rows are {@code journaled}; every other row maps the logged
 * action code.
 */
final class SiemStatus {
  private SiemStatus() {}

  static Optional<String> of(SiemType type, Optional<String> action, Optional<Boolean> delivered) {
    if (type == SiemType.DELIVERY && delivered.isPresent()) {
      return Optional.of(delivered.get() ? "delivered" : "failed");
    }
    if (type == SiemType.JOURNAL) {
      return Optional.of("journaled");
    }
    return action.flatMap(SiemStatus::fromAction);
  }

  /** Maps Mimecast action codes and words, e.g. {@code Acc}, {@code Hld}, {@code Hold}. */
  static Optional<String> fromAction(String action) {
    String status =
        switch (action.strip().toLowerCase(Locale.ROOT)) {
          case "acc", "accept", "accepted" -> "accepted";
          case "rej", "reject", "rejected" -> "rejected";
          case "hld", "hold", "held" -> "held";
          case "bnc", "bounce", "bounced" -> "bounced";
          case "sdbx", "sandbox", "sandboxed" -> "sandboxed";
          case "rty", "retry" -> "deferred";
          case "ign", "ignore", "ignored" -> "ignored";
          case "block", "blocked" -> "blocked";
          case "allow", "allowed" -> "allowed";
          case "jnl" -> "journaled";
          default -> null;
        };
    return Optional.ofNullable(status);
  }
}
