package io.mailsec.mimecast.client;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The registry of {@link RateBudget}s, one per credential ({@link ApiCredentials#budgetKey()}).
 * Create one per process and pass it to every {@link MimecastClient.Builder}; clients built with
 * the same registry and the same credential share one budget.
 */
public final class RateBudgets {
  private final ConcurrentMap<String, RateBudget> budgets = new ConcurrentHashMap<>();

  public static RateBudgets create() {
    return new RateBudgets();
  }

  /** The budget of the credential, created on first use. */
  public RateBudget forCredentials(ApiCredentials credentials) {
    return budgets.computeIfAbsent(credentials.budgetKey(), RateBudget::new);
  }

  /** Snapshots of every budget in use. */
  public List<RateBudget.Snapshot> snapshots() {
    return budgets.values().stream().map(RateBudget::snapshot).toList();
  }
}
