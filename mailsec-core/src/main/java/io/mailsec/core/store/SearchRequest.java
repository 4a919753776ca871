package io.mailsec.core.store;

import java.util.List;
import java.util.Objects;

/**
 * One page of a search.
 *
 * <p>Sorting: by {@code sort} (default {@code event_time} descending), then always by event id
 * ascending (exact text), so the order is total and pages are stable.
 *
 * <p>Paging: the first request has no cursor; each {@link SearchResult#nextCursor()} continues
 * after the last event of that page. Walking all pages of an unchanged store returns every matching
 * event exactly once. A cursor is only valid with the same query and sort; events committed between
 * pages appear or not depending on where they sort.
 *
 * @param query which events
 * @param sort sort keys, most significant first; empty means {@code event_time} descending
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 * @param cursor where to continue, from an earlier result; null for the first page
 */
public record SearchRequest(EventQuery query, List<SortKey> sort, int limit, String cursor) {
  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 10_000;
  public static final SortKey DEFAULT_SORT = SortKey.desc("event_time");

  public SearchRequest {
    Objects.requireNonNull(query, "query");
    sort = sort.isEmpty() ? List.of(DEFAULT_SORT) : List.copyOf(sort);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
    }
  }

  /** The first page of {@code query}, default sort and limit. */
  public static SearchRequest of(EventQuery query) {
    return new SearchRequest(query, List.of(), DEFAULT_LIMIT, null);
  }

  public SearchRequest withSort(SortKey... keys) {
    return new SearchRequest(query, List.of(keys), limit, cursor);
  }

  public SearchRequest withLimit(int newLimit) {
    return new SearchRequest(query, sort, newLimit, cursor);
  }

  /** The page after the one that returned {@code newCursor}. */
  public SearchRequest after(String newCursor) {
    return new SearchRequest(query, sort, limit, newCursor);
  }
}
