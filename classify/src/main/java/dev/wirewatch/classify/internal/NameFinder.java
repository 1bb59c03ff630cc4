package dev.wirewatch.classify.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds literal names (case-sensitive) in text by hashing their first two characters, instead of a regex
 * alternation of hundreds of names, which would be tried at every character. Latin names must stand on word
 * boundaries; CJK names need none. Immutable.
 */
public final class NameFinder {

  /** One name found at {@code [start, end)}. */
  public record Hit(int start, int end, String name) {
  }

  // Keyed by the first two chars packed into an int, so looking up a position allocates nothing.
  private final Map<Integer, List<String>> byPrefix = new HashMap<>();
  /** First chars of any name, as a quick reject before the map look-up. */
  private final java.util.BitSet firstChars = new java.util.BitSet(65536);

  public NameFinder(Collection<String> names) {
    for (String name : names) {
      if (name.length() >= 2) {
        byPrefix.computeIfAbsent(key(name.charAt(0), name.charAt(1)), k -> new ArrayList<>()).add(name);
        firstChars.set(name.charAt(0));
      }
    }
    // Longest first, so "United States of America" wins over "United States".
    byPrefix.values().forEach(list -> list.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder())));
  }

  public List<Hit> find(CharSequence text, int from, int to) {
    List<Hit> hits = new ArrayList<>();
    int i = from;
    while (i + 1 < to) {
      if (i > 0 && isWordChar(text.charAt(i - 1)) && isLatinOrDigit(text.charAt(i))) {
        i++;
        continue;
      }
      char c0 = text.charAt(i);
      List<String> candidates = firstChars.get(c0) ? byPrefix.get(key(c0, text.charAt(i + 1))) : null;
      Hit hit = null;
      if (candidates != null) {
        for (String name : candidates) {
          int end = i + name.length();
          if (end <= to && regionMatches(text, i, name) && (end == text.length() || !isLatinOrDigit(text.charAt(end))
              || !isLatinOrDigit(name.charAt(name.length() - 1)))) {
            hit = new Hit(i, end, name);
            break;
          }
        }
      }
      if (hit != null) {
        hits.add(hit);
        i = hit.end();
      } else {
        i++;
      }
    }
    return hits;
  }

  private static int key(char a, char b) {
    return a << 16 | b;
  }

  private static boolean regionMatches(CharSequence text, int at, String name) {
    for (int k = 0; k < name.length(); k++) {
      if (text.charAt(at + k) != name.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLatinOrDigit(char c) {
    // ASCII and CJK answered without a script look-up: they are nearly every character of wire copy.
    if (c < 128) {
      return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
    }
    if (c >= 0x2E80) {
      return false;
    }
    return Character.isDigit(c) || Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
  }

  private static boolean isWordChar(char c) {
    return isLatinOrDigit(c);
  }
}
