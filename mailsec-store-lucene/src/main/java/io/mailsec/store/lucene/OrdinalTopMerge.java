package io.mailsec.store.lucene;

import io.mailsec.core.query.TextFolding;
import io.mailsec.core.schema.FieldType;
import io.mailsec.core.store.TermsBucket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefBuilder;

/**
 * The exact largest groups of one ordinal field (keyword, boolean, ip) over all segments, largest
 * count first, ties by value ascending, without turning every distinct value into an object: each
 * segment's counted ordinals are in term order, so a k-way merge of the segments' terms (bytes
 * compared, never decoded) adds up each term's counts, and a bounded heap keeps the best {@code
 * limit}; only those are copied and decoded. No memory per distinct value, which matters for fields
 * such as senders, where a week has hundreds of thousands of values. The cost is dominated by
 * reading the terms of the counted ordinals: Lucene decodes a segment's term dictionary block by
 * block, so even a sparse window reads most of the dictionary of every segment it touches.
 */
final class OrdinalTopMerge {
  /** Fewest counted ordinals per part worth merging on another thread. */
  private static final long MIN_GROUPS_PER_PART = 50_000;

  private OrdinalTopMerge() {}

  /**
   * The best {@code limit} groups of the segments, each counted by its first key's ordinals. A
   * large merge is split into ranges of terms merged in parallel ({@link Parts}), as many as there
   * are processors.
   */
  static List<TermsBucket> top(List<SegmentGroups> segments, FieldType type, int limit)
      throws IOException {
    long groups = segments.stream().mapToLong(SegmentGroups::size).sum();
    int parts =
        (int)
            Math.max(
                1,
                Math.min(Runtime.getRuntime().availableProcessors(), groups / MIN_GROUPS_PER_PART));
    return top(segments, type, limit, parts);
  }

  /** {@link #top(List, FieldType, int)} split into {@code parts} ranges of terms. */
  static List<TermsBucket> top(List<SegmentGroups> segments, FieldType type, int limit, int parts)
      throws IOException {
    List<List<Cursor>> ranges = ranges(segments, parts);
    List<Best> bests = Parts.run(ranges.size(), i -> merge(ranges.get(i), type, limit));
    Best all = new Best(type, limit);
    bests.forEach(all::addAll);
    return all.buckets();
  }

  /**
   * Splits the segments' counted ordinals into up to {@code parts} disjoint ranges of terms, cut at
   * terms of the segment with the most counted ordinals; each range gets its own cursors (and term
   * enumerations, created here so that each is used by one thread only).
   */
  private static List<List<Cursor>> ranges(List<SegmentGroups> segments, int parts)
      throws IOException {
    List<SegmentGroups> counted = segments.stream().filter(s -> s.size() > 0).toList();
    List<BytesRef> cuts = new ArrayList<>();
    if (parts > 1 && !counted.isEmpty()) {
      SegmentGroups largest =
          counted.stream().max(Comparator.comparingInt(SegmentGroups::size)).orElseThrow();
      TermsEnum terms = terms(largest);
      for (int i = 1; i < parts; i++) {
        int at = (int) ((long) largest.size() * i / parts);
        if (at > 0) {
          terms.seekExact(largest.group(at));
          cuts.add(BytesRef.deepCopyOf(terms.term()));
        }
      }
    }
    List<List<Cursor>> ranges = new ArrayList<>();
    for (int i = 0; i <= cuts.size(); i++) {
      ranges.add(new ArrayList<>());
    }
    for (SegmentGroups segment : counted) {
      int from = 0;
      TermsEnum seek = cuts.isEmpty() ? null : terms(segment);
      for (int i = 0; i <= cuts.size(); i++) {
        int to = i == cuts.size() ? segment.size() : firstAtLeast(segment, seek, cuts.get(i));
        if (to > from) {
          ranges.get(i).add(new Cursor(segment, terms(segment), from, to));
        }
        from = Math.max(from, to);
      }
    }
    return ranges;
  }

  private static TermsEnum terms(SegmentGroups segment) throws IOException {
    return ((GroupKey.Ordinals) segment.key(0)).terms();
  }

  /** Index of the segment's first counted ordinal whose term is {@code term} or greater. */
  private static int firstAtLeast(SegmentGroups segment, TermsEnum terms, BytesRef term)
      throws IOException {
    long ord = terms.seekCeil(term) == TermsEnum.SeekStatus.END ? Long.MAX_VALUE : terms.ord();
    int low = 0;
    int high = segment.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (segment.group(mid) < ord) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** Merges one range of terms: the k-way merge of its cursors into its best groups. */
  private static Best merge(List<Cursor> cursors, FieldType type, int limit) throws IOException {
    Best best = new Best(type, limit);
    for (Cursor cursor : cursors) {
      cursor.next();
    }
    if (cursors.isEmpty()) {
      return best;
    }
    Tournament merge = new Tournament(cursors.toArray(new Cursor[0]));
    BytesRefBuilder term = new BytesRefBuilder();
    Cursor first = merge.first();
    while (first.term != null) {
      term.copyBytes(first.term);
      long count = 0;
      do {
        count += first.count();
        first.next();
        first = merge.replay();
      } while (first.term != null && first.term.bytesEquals(term.get()));
      best.offer(term.get(), count);
    }
    return best;
  }

  /**
   * A tournament (loser) tree over the cursors' current terms: the least term wins, an exhausted
   * cursor (no term) never does. Replacing the winner costs one comparison per level, about half of
   * what a binary heap needs.
   */
  private static final class Tournament {
    private final Cursor[] cursors;

    /** {@code losers[0]} is the winner's index; {@code losers[n]} the loser at inner node n. */
    private final int[] losers;

    Tournament(Cursor[] cursors) {
      this.cursors = cursors;
      int k = cursors.length;
      losers = new int[k];
      int[] winners = new int[2 * k];
      for (int i = 0; i < k; i++) {
        winners[k + i] = i;
      }
      for (int node = k - 1; node >= 1; node--) {
        int a = winners[2 * node];
        int b = winners[2 * node + 1];
        boolean aWins = beats(a, b);
        winners[node] = aWins ? a : b;
        losers[node] = aWins ? b : a;
      }
      losers[0] = k == 1 ? 0 : winners[1];
    }

    Cursor first() {
      return cursors[losers[0]];
    }

    /** After the winner moved on: the new winner. */
    Cursor replay() {
      int winner = losers[0];
      for (int node = (winner + cursors.length) >> 1; node > 0; node >>= 1) {
        if (beats(losers[node], winner)) {
          int t = losers[node];
          losers[node] = winner;
          winner = t;
        }
      }
      losers[0] = winner;
      return cursors[winner];
    }

    private boolean beats(int a, int b) {
      BytesRef x = cursors[a].term;
      BytesRef y = cursors[b].term;
      return x != null && (y == null || x.compareTo(y) < 0);
    }
  }

  /**
   * A range of one segment's counted ordinals in order, with the current one's term (null after the
   * last).
   */
  private static final class Cursor {
    private final SegmentGroups groups;
    private final TermsEnum terms;
    private final int to;
    private int at;
    private long ord = -1;
    BytesRef term;

    /** The counted ordinals at indexes {@code from} (inclusive) to {@code to} (exclusive). */
    Cursor(SegmentGroups groups, TermsEnum terms, int from, int to) {
      this.groups = groups;
      this.terms = terms;
      this.at = from - 1;
      this.to = to;
    }

    long count() {
      return groups.count(at);
    }

    /** Moves to the next counted ordinal; false when there is none. */
    boolean next() throws IOException {
      at++;
      if (at >= to) {
        term = null;
        return false;
      }
      long target = groups.group(at);
      if (ord >= 0 && target == ord + 1) {
        term = terms.next();
      } else {
        terms.seekExact(target);
        term = terms.term();
      }
      ord = target;
      return true;
    }
  }

  /** A kept group: its term (a copy) and, once needed, its value. */
  private static final class Entry {
    final BytesRef term;
    final long count;
    private final FieldType type;
    private Object value;

    Entry(BytesRef term, long count, FieldType type) {
      this.term = term;
      this.count = count;
      this.type = type;
    }

    Object value() {
      if (value == null) {
        value = GroupKey.ordinalValue(term, type);
      }
      return value;
    }
  }

  /** The best {@code limit} groups offered, in a heap with the worst on top. */
  private static final class Best {
    private final FieldType type;
    private final int limit;
    private final java.util.PriorityQueue<Entry> kept;

    Best(FieldType type, int limit) {
      this.type = type;
      this.limit = limit;
      this.kept = new java.util.PriorityQueue<>((a, b) -> better(b, a));
    }

    /** Negative when {@code a} comes first: larger count, then smaller value. */
    private int better(Entry a, Entry b) {
      if (a.count != b.count) {
        return a.count > b.count ? -1 : 1;
      }
      return type == FieldType.IP
          // ip values order by their text, not by their 16 bytes
          ? TextFolding.compareCodePoints((String) a.value(), (String) b.value())
          // UTF-8 byte order is code point order ("false" < "true" too)
          : a.term.compareTo(b.term);
    }

    /**
     * Offers terms in ascending byte order, so that for values ordered by their bytes a term that
     * ties the worst kept count comes after every kept term and cannot be better.
     */
    void offer(BytesRef term, long count) {
      if (kept.size() < limit) {
        kept.add(new Entry(BytesRef.deepCopyOf(term), count, type));
        return;
      }
      Entry worst = kept.peek();
      if (count < worst.count || (count == worst.count && type != FieldType.IP)) {
        return;
      }
      Entry candidate = new Entry(BytesRef.deepCopyOf(term), count, type);
      if (better(candidate, worst) < 0) {
        kept.poll();
        kept.add(candidate);
      }
    }

    /** Offers every group another {@code Best} kept (of other terms than offered here). */
    void addAll(Best other) {
      for (Entry e : other.kept) {
        if (kept.size() < limit) {
          kept.add(e);
        } else if (better(e, kept.peek()) < 0) {
          kept.poll();
          kept.add(e);
        }
      }
    }

    List<TermsBucket> buckets() {
      List<Entry> sorted = new ArrayList<>(kept);
      sorted.sort(this::better);
      List<TermsBucket> out = new ArrayList<>(sorted.size());
      for (Entry e : sorted) {
        out.add(new TermsBucket(List.of(e.value()), e.count));
      }
      return out;
    }
  }
}
