package dev.wirewatch.classify.internal.match;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A literal pre-check for a rule regex: the lower-cased words every match must start with, read from the regex
 * source ("\bhuman[- ]rights?" → "human"). Testing a few {@code indexOf} calls is far cheaper than running the regex at
 * every character, and most sentences contain none of a rule's words. When a regex has an alternative without a
 * literal start the gate lets everything through, so it never hides a match.
 */
public final class Gate {

  private static final Gate OPEN = new Gate(null, null);

  private final List<String> prefixes;
  private final List<Boolean> wordStart;

  private Gate(List<String> prefixes, List<Boolean> wordStart) {
    this.prefixes = prefixes;
    this.wordStart = wordStart;
  }

  public static Gate of(String regex) {
    List<String> prefixes = new ArrayList<>();
    List<Boolean> wordStart = new ArrayList<>();
    return collect(regex, prefixes, wordStart, false) ? new Gate(List.copyOf(prefixes), List.copyOf(wordStart)) : OPEN;
  }

  /**
   * Per start word, true when the regex puts {@code \b} right before it and it begins with a word character, so a
   * match can only start where the previous character is not a word character; null when the gate is open.
   */
  List<Boolean> wordStart() {
    return wordStart;
  }

  /** A word character as {@code \b} sees it. */
  public static boolean isWordChar(char c) {
    return c == '_' || Character.isLetterOrDigit(c);
  }

  /** The start words, or null when the gate is open. */
  List<String> prefixes() {
    return prefixes;
  }

  /** False only when no match of the regex can start in {@code lower[from, to)}; {@code lower} is the text lower-cased char by char. */
  public boolean mayMatch(String lower, int from, int to) {
    if (prefixes == null) {
      return true;
    }
    for (String p : prefixes) {
      int i = lower.indexOf(p, from);
      if (i >= 0 && i < to) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code word} lies wholly in {@code s[from, to)}: the first hit of the vectorised indexOf at or after {@code from} decides. */
  public static boolean containsWithin(String s, String word, int from, int to) {
    int at = s.indexOf(word, from);
    return at >= 0 && at + word.length() <= to;
  }

  /** Lower-cases char by char, so offsets stay those of the original text. */
  public static String lower(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = Character.toLowerCase(chars[i]);
    }
    return new String(chars);
  }

  /** Adds the literal starts of every top-level alternative; false when one has none. */
  private static boolean collect(String regex, List<String> out, List<Boolean> wordStart, boolean boundary) {
    for (String alt : splitTopLevel(regex)) {
      if (!collectAlternative(alt, out, wordStart, boundary)) {
        return false;
      }
    }
    return true;
  }

  private static boolean collectAlternative(String alt, List<String> out, List<Boolean> wordStart, boolean inherited) {
    String a = alt;
    boolean boundary = inherited;
    // Zero-width starts do not consume text.
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String zeroWidth : List.of("\\b", "^", "(?i)", "(?-i)")) {
        if (a.startsWith(zeroWidth)) {
          a = a.substring(zeroWidth.length());
          changed = true;
          boundary |= zeroWidth.equals("\\b");
          // "^" (start of input or line) is no word boundary.
          boundary &= !zeroWidth.equals("^");
        }
      }
      if (a.startsWith("(?<!") || a.startsWith("(?<=") || a.startsWith("(?!") || a.startsWith("(?=")) {
        boundary = false;
        int end = groupEnd(a, 0);
        if (end < 0) {
          return false;
        }
        a = a.substring(end + 1);
        changed = true;
      }
    }
    if (a.startsWith("(?:") || a.startsWith("(?i:") || (a.startsWith("(") && !a.startsWith("(?"))) {
      int end = groupEnd(a, 0);
      if (end < 0 || end + 1 < a.length() && "?*{".indexOf(a.charAt(end + 1)) >= 0) {
        return false;
      }
      int open = a.startsWith("(?:") ? 3 : a.startsWith("(?i:") ? 4 : 1;
      return collect(a.substring(open, end), out, wordStart, boundary);
    }
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < a.length()) {
      char c = a.charAt(i);
      if (c == '\\') {
        break;
      }
      if ("[](){}.*+?|^$".indexOf(c) >= 0) {
        break;
      }
      literal.append(c);
      i++;
    }
    // "co-?chair": one optional character inside a literal gives two longer words ("co-chair", "cochair") instead of
    // the short, common "co".
    if (i < a.length() && a.charAt(i) == '?' && literal.length() > 0) {
      String rest = literalRun(a, i + 1);
      if (!rest.isEmpty()) {
        String with = literal + rest;
        String without = literal.substring(0, literal.length() - 1) + rest;
        return addWord(with, out, wordStart, boundary) && addWord(without, out, wordStart, boundary);
      }
    }
    // "dialogues?" — a quantifier after the run makes its last character optional.
    if (i < a.length() && "?*{".indexOf(a.charAt(i)) >= 0 && literal.length() > 0) {
      literal.setLength(literal.length() - 1);
    }
    return addWord(literal.toString(), out, wordStart, boundary);
  }

  private static boolean addWord(String literal, List<String> out, List<Boolean> wordStart, boolean boundary) {
    if (literal.length() < 2 && !(literal.length() == 1 && Character.UnicodeScript.of(literal.charAt(0)) == Character.UnicodeScript.HAN)) {
      return false;
    }
    String word = literal.toLowerCase(Locale.ROOT);
    out.add(word);
    wordStart.add(boundary && isWordChar(word.charAt(0)));
    return true;
  }

  /**
   * The plain characters that must follow at {@code a[from]} (none when a lazy or possessive quantifier, an escape
   * or a special character comes first), without a last character that a quantifier makes optional.
   */
  private static String literalRun(String a, int from) {
    if (from < a.length() && (a.charAt(from) == '?' || a.charAt(from) == '+')) {
      return "";
    }
    int j = from;
    while (j < a.length() && a.charAt(j) != '\\' && "[](){}.*+?|^$".indexOf(a.charAt(j)) < 0) {
      j++;
    }
    if (j < a.length() && "?*{".indexOf(a.charAt(j)) >= 0 && j > from) {
      j--;
    }
    return a.substring(from, j);
  }

  /**
   * The innermost alternatives of a regex that is an alternation of non-capturing groups ("(?:a|b)|(?:c)" gives a, b,
   * c), in order; anything else is its own single leaf.
   */
  static void leaves(String regex, List<String> out) {
    List<String> parts = splitTopLevel(regex);
    for (String alt : parts) {
      if (alt.startsWith("(?:") && groupEnd(alt, 0) == alt.length() - 1) {
        leaves(alt.substring(3, alt.length() - 1), out);
      } else {
        out.add(alt);
      }
    }
  }

  /** Receives the structural characters of a regex: '(', ')' and '|' outside escapes and character classes. */
  private interface Structure {
    /** {@code depth} is the group depth after {@code c}; true stops the walk at {@code at}. */
    boolean stopAt(int at, char c, int depth);
  }

  /** Walks {@code s} from {@code from}; the index where {@code structure} stopped, or -1. */
  private static int walk(String s, int from, Structure structure) {
    int depth = 0;
    boolean inClass = false;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(' || c == ')' || c == '|') {
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (structure.stopAt(i, c, depth)) {
          return i;
        }
      }
    }
    return -1;
  }

  private static List<String> splitTopLevel(String regex) {
    List<Integer> bars = new ArrayList<>();
    walk(regex, 0, (at, c, depth) -> {
      if (c == '|' && depth == 0) {
        bars.add(at);
      }
      return false;
    });
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int bar : bars) {
      parts.add(regex.substring(start, bar));
      start = bar + 1;
    }
    parts.add(regex.substring(start));
    return parts;
  }

  /** The index of the ')' closing the group opened at {@code open}, or -1. */
  private static int groupEnd(String s, int open) {
    return walk(s, open, (at, c, depth) -> c == ')' && depth == 0);
  }
}
