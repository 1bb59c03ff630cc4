package dev.wirewatch.classify.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** English ordinal words ("fifteenth", "thirty-ninth"), found by a word scan, and Chinese numerals up to 99. */
final class Ordinals {

  private static final String[] UNITS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"};
  private static final String[] TEENS = {"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
      "seventeenth", "eighteenth", "nineteenth"};
  private static final String[] TENS = {"twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"};
  private static final Map<String, Integer> VALUES = build();

  /** An ordinal in text: {@code [start, end)}, its value, and whether it is spelled out ("fifteenth", not "15th"). */
  record Found(int start, int end, int value, boolean spelled) {
  }

  private Ordinals() {
  }

  private static Map<String, Integer> build() {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < UNITS.length; i++) {
      m.put(UNITS[i], i + 1);
    }
    for (int i = 0; i < TEENS.length; i++) {
      m.put(TEENS[i], i + 10);
    }
    for (int t = 0; t < TENS.length; t++) {
      int base = (t + 2) * 10;
      m.put(TENS[t] + "ieth", base);
      for (int u = 0; u < UNITS.length; u++) {
        m.put(TENS[t] + "y-" + UNITS[u], base + u + 1);
        m.put(TENS[t] + "y " + UNITS[u], base + u + 1);
      }
    }
    return m;
  }

  /**
   * The next ordinal in {@code s[from, to)} on word boundaries: "39th", "fifteenth", "thirty-ninth", "thirty ninth";
   * not "first-time", "first since", "fifth anniversary".
   */
  static Found next(String s, int from, int to) {
    int i = from;
    while (i < to) {
      char c = s.charAt(i);
      if (!isWord(c) || i > 0 && isWord(s.charAt(i - 1))) {
        i++;
        continue;
      }
      int end = i;
      while (end < to && isWord(s.charAt(end))) {
        end++;
      }
      Found hit = at(s, i, end, to);
      if (hit != null && !followedByExclusion(s, hit.end(), to)) {
        return hit;
      }
      i = end;
    }
    return null;
  }

  private static Found at(String s, int start, int end, int to) {
    int len = end - start;
    if (Character.isDigit(s.charAt(start))) {
      int d = start;
      while (d < end && Character.isDigit(s.charAt(d))) {
        d++;
      }
      if (d - start <= 3 && end - d == 2) {
        String suffix = s.substring(d, end).toLowerCase(Locale.ROOT);
        if (suffix.equals("st") || suffix.equals("nd") || suffix.equals("rd") || suffix.equals("th")) {
          return new Found(start, end, Integer.parseInt(s.substring(start, d)), false);
        }
      }
      return null;
    }
    if (len < 4 || len > 11) {
      return null;
    }
    // Every ordinal word ends in -st, -nd, -rd or -th, and a tens word ("thirty") in -y: skip the rest unread.
    char last = Character.toLowerCase(s.charAt(end - 1));
    char before = Character.toLowerCase(s.charAt(end - 2));
    if (last != 'y' && !(last == 't' && before == 's') && !(last == 'd' && (before == 'n' || before == 'r'))
        && !(last == 'h' && before == 't')) {
      return null;
    }
    String word = s.substring(start, end).toLowerCase(Locale.ROOT);
    // "thirty-ninth" / "thirty ninth": a tens word, one separator, a unit word.
    if (word.endsWith("y") && end + 1 < to && (s.charAt(end) == '-' || s.charAt(end) == ' ')) {
      int e2 = end + 1;
      while (e2 < to && isWord(s.charAt(e2))) {
        e2++;
      }
      Integer v = VALUES.get(word + s.charAt(end) + s.substring(end + 1, e2).toLowerCase(Locale.ROOT));
      if (v != null) {
        return new Found(start, e2, v, true);
      }
    }
    Integer v = VALUES.get(word);
    return v == null ? null : new Found(start, end, v, true);
  }

  private static boolean followedByExclusion(String s, int at, int to) {
    int i = at;
    if (i < to && (s.charAt(i) == '-' || s.charAt(i) == ' ')) {
      i++;
    }
    for (String w : List.of("since", "time", "anniversary")) {
      if (s.regionMatches(true, i, w, 0, w.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWord(char c) {
    return c < 128 ? Character.isLetterOrDigit(c) || c == '_' : Character.isLetterOrDigit(c);
  }

  static int value(String word) {
    Integer v = VALUES.get(word.toLowerCase(Locale.ROOT).replaceAll("\\s+", " "));
    return v == null ? -1 : v;
  }

  /** "三十九" → 39, "39" → 39. */
  static int zhValue(String s) {
    if (s.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(s);
    }
    String digits = "零一二三四五六七八九";
    int ten = s.indexOf('十');
    if (ten < 0) {
      return digits.indexOf(s.charAt(0));
    }
    int tens = ten == 0 ? 1 : digits.indexOf(s.charAt(0));
    int units = ten == s.length() - 1 ? 0 : digits.indexOf(s.charAt(ten + 1));
    return tens * 10 + units;
  }
}
