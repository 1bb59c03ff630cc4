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

  private final Map<String, List<String>> byPrefix = new HashMap<>();

  public NameFinder(Collection<String> names) {
    for (String name : names) {
      if (name.length() >= 2) {
        byPrefix.computeIfAbsent(name.substring(0, 2), k -> new ArrayList<>()).add(name);
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
      List<String> candidates = byPrefix.get(text.subSequence(i, i + 2).toString());
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

  private static boolean regionMatches(CharSequence text, int at, String name) {
    for (int k = 0; k < name.length(); k++) {
      if (text.charAt(at + k) != name.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLatinOrDigit(char c) {
    return Character.isDigit(c) || Character.isLetter(c) && Character.UnicodeScript.of(c) == Character.UnicodeScript.LATIN;
  }

  private static boolean isWordChar(char c) {
    return isLatinOrDigit(c);
  }
}
