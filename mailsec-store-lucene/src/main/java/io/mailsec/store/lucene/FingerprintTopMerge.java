package io.mailsec.store.lucene;

import io.mailsec.core.store.TermsBucket;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.lucene.util.BytesRef;

/**
 * The exact largest groups of one keyword field over many segments, largest count first, ties by
 * value ascending, like {@link OrdinalTopMerge}, but merged by the terms' fingerprints ({@link
 * TermFingerprints}) in a hash table: only the terms of the winners and of the groups tied with the
 * last winner are decoded, where the merge by terms decodes every counted term of every segment.
 *
 * <p>Two different terms with one fingerprint would add up their counts. So before answering, every
 * counted ordinal that has a winner's fingerprint is checked to be the winner's term; a collision
 * (or a tie too large to decode cheaply) gives no answer, and the caller merges by terms instead.
 */
final class FingerprintTopMerge {
  /** Most groups tied with the last winner whose terms are decoded to break the tie. */
  static final int MAX_TIED = 1 << 16;

  /**
   * Most counted groups over all segments merged here (the table takes up to 32 bytes per group);
   * more are merged by terms, which needs no memory per group.
   */
  private static final int MAX_GROUPS = 1 << 24;

  private FingerprintTopMerge() {}

  /**
   * The best {@code limit} groups of the segments, each counted by its first key's ordinals (of a
   * keyword field); null when a segment has no fingerprints, or a collision or a too large tie
   * leaves the answer to {@link OrdinalTopMerge}.
   */
  static List<TermsBucket> top(
      List<SegmentGroups> segments, TermFingerprints fingerprints, int limit) throws IOException {
    List<SegmentGroups> counted = segments.stream().filter(s -> s.size() > 0).toList();
    long[][] prints = new long[counted.size()][];
    int[] firstGroup = new int[counted.size() + 1];
    for (int s = 0; s < counted.size(); s++) {
      prints[s] = ordinals(counted.get(s)).fingerprints(fingerprints);
      if (prints[s] == null || firstGroup[s] > MAX_GROUPS - counted.get(s).size()) {
        return null;
      }
      firstGroup[s + 1] = firstGroup[s] + counted.get(s).size();
    }
    Table table = new Table(firstGroup[counted.size()]);
    for (int s = 0; s < counted.size(); s++) {
      SegmentGroups segment = counted.get(s);
      long[] segmentPrints = prints[s];
      for (int i = 0; i < segment.size(); i++) {
        table.add(segmentPrints[(int) segment.group(i)], segment.count(i), firstGroup[s] + i);
      }
    }
    List<Winner> winners = table.best(limit, new Groups(counted, firstGroup));
    if (winners == null || collides(winners, counted, prints)) {
      return null;
    }
    List<TermsBucket> out = new ArrayList<>(winners.size());
    for (Winner w : winners) {
      out.add(new TermsBucket(List.of(w.term.utf8ToString()), w.count));
    }
    return out;
  }

  private static GroupKey.Ordinals ordinals(SegmentGroups segment) {
    return (GroupKey.Ordinals) segment.key(0);
  }

  /** Whether a counted ordinal with a winner's fingerprint has another term than the winner. */
  private static boolean collides(
      List<Winner> winners, List<SegmentGroups> segments, long[][] prints) throws IOException {
    List<Winner> byPrint = new ArrayList<>(winners);
    byPrint.sort(Comparator.comparingLong(Winner::print));
    long[] sorted = new long[byPrint.size()];
    long filter = 0; // one bit per fingerprint's low six bits: most ordinals are ruled out by it
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = byPrint.get(i).print;
      filter |= 1L << sorted[i];
    }
    for (int s = 0; s < segments.size(); s++) {
      SegmentGroups segment = segments.get(s);
      long[] segmentPrints = prints[s];
      for (int i = 0; i < segment.size(); i++) {
        long ord = segment.group(i);
        long print = segmentPrints[(int) ord];
        if ((filter & (1L << print)) == 0) {
          continue;
        }
        int at = Arrays.binarySearch(sorted, print);
        if (at >= 0 && !ordinals(segment).term(ord).bytesEquals(byPrint.get(at).term)) {
          return true;
        }
      }
    }
    return false;
  }

  /** A winning group: its fingerprint, count and term (a copy). */
  private record Winner(long print, long count, BytesRef term) {}

  /** The groups of segments that each counted some, numbered one segment after the other. */
  private static final class Groups {
    private final List<SegmentGroups> segments;
    private final int[] firstGroup;

    Groups(List<SegmentGroups> segments, int[] firstGroup) {
      this.segments = segments;
      this.firstGroup = firstGroup;
    }

    /** The term of group {@code g} (valid until the next call for the same segment). */
    BytesRef term(int g) throws IOException {
      int s = Arrays.binarySearch(firstGroup, g);
      s = s >= 0 ? s : -s - 2;
      SegmentGroups segment = segments.get(s);
      return ordinals(segment).term(segment.group(g - firstGroup[s]));
    }
  }

  /**
   * Counts per fingerprint, each with one group that has it (its representative): entries stored
   * densely in insertion order, two longs each (the fingerprint; the count in the high and the
   * representative in the low 32 bits), found through an open-addressing index of twice as many
   * slots as there can be entries. An addition touches two cache lines, a scan reads the entries in
   * order.
   */
  private static final class Table {
    private final long[] entries;

    /** Entry index plus one per slot; 0 marks a free slot. */
    private final int[] slots;

    private final int mask;
    private int size;

    Table(int maxEntries) {
      int capacity = Integer.highestOneBit(Math.max(2, maxEntries) * 2 - 1) * 2;
      entries = new long[2 * maxEntries];
      slots = new int[capacity];
      mask = capacity - 1;
    }

    void add(long print, long count, int group) {
      int slot = (int) (print ^ (print >>> 32)) & mask;
      while (true) {
        int entry = slots[slot] - 1;
        if (entry < 0) {
          slots[slot] = size + 1;
          entries[2 * size] = print;
          entries[2 * size + 1] = (count << 32) | group;
          size++;
          return;
        }
        if (entries[2 * entry] == print) {
          entries[2 * entry + 1] += count << 32;
          return;
        }
        slot = (slot + 1) & mask;
      }
    }

    private long print(int entry) {
      return entries[2 * entry];
    }

    private long count(int entry) {
      return entries[2 * entry + 1] >>> 32;
    }

    private int group(int entry) {
      return (int) entries[2 * entry + 1];
    }

    /**
     * The best {@code limit} entries, largest count first, ties by term; null when more than {@link
     * #MAX_TIED} entries tie with the last one.
     */
    List<Winner> best(int limit, Groups terms) throws IOException {
      long threshold = threshold(limit);
      List<Winner> above = new ArrayList<>();
      int tied = 0;
      for (int e = 0; e < size; e++) {
        long count = count(e);
        if (count > threshold) {
          above.add(new Winner(print(e), count, BytesRef.deepCopyOf(terms.term(group(e)))));
        } else if (count == threshold) {
          tied++;
        }
      }
      if (tied > MAX_TIED) {
        return null;
      }
      // the smallest terms among the tied entries, in a heap with the largest on top
      int wanted = Math.min(limit - above.size(), tied);
      PriorityQueue<Winner> ties =
          new PriorityQueue<>(Comparator.comparing(Winner::term).reversed());
      for (int e = 0; e < size && wanted > 0; e++) {
        if (count(e) == threshold) {
          BytesRef term = terms.term(group(e));
          if (ties.size() < wanted) {
            ties.add(new Winner(print(e), threshold, BytesRef.deepCopyOf(term)));
          } else if (term.compareTo(ties.peek().term) < 0) {
            ties.poll();
            ties.add(new Winner(print(e), threshold, BytesRef.deepCopyOf(term)));
          }
        }
      }
      List<Winner> best = new ArrayList<>(above);
      best.addAll(ties);
      best.sort(Comparator.comparingLong(Winner::count).reversed().thenComparing(Winner::term));
      return best;
    }

    /** The {@code limit}-th largest count (the least count when there are fewer entries). */
    private long threshold(int limit) {
      long[] heap = new long[limit]; // a min-heap of the largest counts seen
      int kept = 0;
      for (int e = 0; e < size; e++) {
        long count = count(e);
        if (kept < limit) {
          heap[kept] = count;
          siftUp(heap, kept++);
        } else if (count > heap[0]) {
          heap[0] = count;
          siftDown(heap, kept);
        }
      }
      return kept == 0 ? Long.MAX_VALUE : heap[0];
    }

    private static void siftUp(long[] heap, int at) {
      while (at > 0) {
        int parent = (at - 1) >>> 1;
        if (heap[parent] <= heap[at]) {
          return;
        }
        swap(heap, parent, at);
        at = parent;
      }
    }

    private static void siftDown(long[] heap, int size) {
      int at = 0;
      while (true) {
        int child = 2 * at + 1;
        if (child >= size) {
          return;
        }
        if (child + 1 < size && heap[child + 1] < heap[child]) {
          child++;
        }
        if (heap[at] <= heap[child]) {
          return;
        }
        swap(heap, at, child);
        at = child;
      }
    }

    private static void swap(long[] heap, int a, int b) {
      long t = heap[a];
      heap[a] = heap[b];
      heap[b] = t;
    }
  }
}
