package io.mailsec.core.query;

/**
 * The one definition of "ignoring case" used by every predicate: each code point is mapped with
 * {@link Character#toLowerCase(int)}. It is independent of the default locale (a Turkish default
 * locale must not turn {@code I} into a dotless {@code ı}) and never changes the number of code
 * points, so a folded substring is still a substring of the folded whole. Stores must fold indexed
 * values and operands exactly like this.
 */
public final class TextFolding {
  private TextFolding() {}

  /** The folded form of {@code text}. */
  public static String fold(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int lower = Character.toLowerCase(cp);
      if (lower != cp && out == null) {
        out = new StringBuilder(text.length());
        out.append(text, 0, i);
      }
      if (out != null) {
        out.appendCodePoint(lower);
      }
      i += Character.charCount(cp);
    }
    return out == null ? text : out.toString();
  }

  /** Compares two strings by Unicode code point (the order of their UTF-8 bytes). */
  public static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
