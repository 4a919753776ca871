package io.mailsec.core.ql;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The time-independent part of plans by query text, for {@link QueryLanguage}. Bounded crudely:
 * when full it is emptied, which costs one re-parse per query text and needs no bookkeeping on the
 * read path (the working set of a deployment, its saved searches, rules and console views, is far
 * below the bound).
 */
final class PlanCache {
  static final int MAX_ENTRIES = 1024;

  /** Texts longer than this are not cached: rare, and they would hold much memory. */
  static final int MAX_TEXT_CHARS = 4096;

  private final ConcurrentHashMap<String, QueryPlanner.Prepared> entries =
      new ConcurrentHashMap<>();

  QueryPlanner.Prepared get(String text) {
    return entries.get(text);
  }

  void put(String text, QueryPlanner.Prepared prepared) {
    if (text.length() > MAX_TEXT_CHARS) {
      return;
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(text, prepared);
  }

  int size() {
    return entries.size();
  }
}
