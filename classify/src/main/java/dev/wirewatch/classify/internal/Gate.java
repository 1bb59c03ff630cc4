package dev.wirewatch.classify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A literal pre-check for a rule regex: the lower-cased words every match must start with, read from the regex
 * source ("\bhuman[- ]rights?" → "human"). Testing a few {@code indexOf} calls is far cheaper than running the regex at
 * every character, and most sentences contain none of a rule's words. When a regex has an alternative without a
 * literal start the gate lets everything through, so it never hides a match.
 */
final class Gate {

  private static final Gate OPEN = new Gate(null);

  private final List<String> prefixes;

  private Gate(List<String> prefixes) {
    this.prefixes = prefixes;
  }

  static Gate of(String regex) {
    List<String> prefixes = new ArrayList<>();
    return collect(regex, prefixes) ? new Gate(List.copyOf(prefixes)) : OPEN;
  }

  /** The start words, or null when the gate is open. */
  List<String> prefixes() {
    return prefixes;
  }

  /** False only when no match of the regex can start in {@code lower[from, to)}; {@code lower} is the text lower-cased char by char. */
  boolean mayMatch(String lower, int from, int to) {
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

  /** Lower-cases char by char, so offsets stay those of the original text. */
  static String lower(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = Character.toLowerCase(chars[i]);
    }
    return new String(chars);
  }

  /** Adds the literal starts of every top-level alternative; false when one has none. */
  private static boolean collect(String regex, List<String> out) {
    for (String alt : splitTopLevel(regex)) {
      if (!collectAlternative(alt, out)) {
        return false;
      }
    }
    return true;
  }

  private static boolean collectAlternative(String alt, List<String> out) {
    String a = alt;
    // Zero-width starts do not consume text.
    boolean changed = true;
    while (changed) {
      changed = false;
      for (String zeroWidth : List.of("\\b", "^", "(?i)", "(?-i)")) {
        if (a.startsWith(zeroWidth)) {
          a = a.substring(zeroWidth.length());
          changed = true;
        }
      }
      if (a.startsWith("(?<!") || a.startsWith("(?<=") || a.startsWith("(?!") || a.startsWith("(?=")) {
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
      return collect(a.substring(open, end), out);
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
    // "dialogues?" — a quantifier after the run makes its last character optional.
    if (i < a.length() && "?*{".indexOf(a.charAt(i)) >= 0 && literal.length() > 0) {
      literal.setLength(literal.length() - 1);
    }
    if (literal.length() < 2 && !(literal.length() == 1 && Character.UnicodeScript.of(literal.charAt(0)) == Character.UnicodeScript.HAN)) {
      return false;
    }
    out.add(literal.toString().toLowerCase(Locale.ROOT));
    return true;
  }

  private static List<String> splitTopLevel(String regex) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean inClass = false;
    int start = 0;
    for (int i = 0; i < regex.length(); i++) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        parts.add(regex.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(regex.substring(start));
    return parts;
  }

  private static int groupEnd(String s, int open) {
    int depth = 0;
    boolean inClass = false;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (inClass) {
        inClass = c != ']';
      } else if (c == '[') {
        inClass = true;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
        if (depth == 0) {
          return i;
        }
      }
    }
    return -1;
  }
}
