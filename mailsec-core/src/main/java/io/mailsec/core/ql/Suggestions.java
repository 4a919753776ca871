package io.mailsec.core.ql;

import java.util.Collection;
import java.util.Optional;

/** Finds the name a user most likely meant when they misspelt one. */
final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate closest to {@code name} by edit distance (insertions, deletions, substitutions
   * and swaps of neighbours), if it is close enough to be a typo: at most one edit for names up to
   * 7 chars, two up to 11, three beyond. Ties go to the earlier candidate.
   */
  static Optional<String> closest(String name, Collection<String> candidates) {
    int allowed = name.length() <= 7 ? 1 : name.length() <= 11 ? 2 : 3;
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      if (Math.abs(candidate.length() - name.length()) > allowed) {
        continue;
      }
      int d = distance(name, candidate);
      if (d <= allowed && d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code "; did you mean x?"} or the empty string. */
  static String didYouMean(String name, Collection<String> candidates) {
    return closest(name, candidates).map(c -> "; did you mean " + c + "?").orElse("");
  }

  /** Optimal-string-alignment distance. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
