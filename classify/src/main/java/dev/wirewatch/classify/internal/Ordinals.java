package dev.wirewatch.classify.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** English ordinal words ("fifteenth", "thirty-ninth") and Chinese numerals up to 99. */
final class Ordinals {

  private static final String[] UNITS = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth"};
  private static final String[] TEENS = {"tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
      "seventeenth", "eighteenth", "nineteenth"};
  private static final String[] TENS = {"twent", "thirt", "fort", "fift", "sixt", "sevent", "eight", "ninet"};
  private static final Map<String, Integer> VALUES = build();

  /** Alternation of every ordinal word 1..99, longest first so "twenty-first" beats "first". */
  static final String WORDS = VALUES.keySet().stream()
      .sorted((a, b) -> b.length() != a.length() ? b.length() - a.length() : a.compareTo(b))
      .reduce((a, b) -> a + "|" + b).orElseThrow();

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
