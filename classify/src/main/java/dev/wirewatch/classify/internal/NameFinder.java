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

  /**
   * Names by their first two chars packed into an int, in an open-addressing table (linear probing; a slot is empty
   * when its names are null), so looking up a position neither boxes a key nor allocates.
   */
  private final int[] keys;
  private final String[][] names;
  private final int mask;
  /** First chars of any name, as a quick reject before the map look-up. */
  private final java.util.BitSet firstChars = new java.util.BitSet(65536);

  public NameFinder(Collection<String> names) {
    Map<Integer, List<String>> byPrefix = new HashMap<>();
    for (String name : names) {
      if (name.length() >= 2) {
        byPrefix.computeIfAbsent(key(name.charAt(0), name.charAt(1)), k -> new ArrayList<>()).add(name);
        firstChars.set(name.charAt(0));
      }
    }
    // Longest first, so "United States of America" wins over "United States".
    byPrefix.values().forEach(list -> list.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder())));
    int capacity = Integer.highestOneBit(Math.max(4, byPrefix.size() * 4) - 1) << 1;
    this.keys = new int[capacity];
    this.names = new String[capacity][];
    this.mask = capacity - 1;
    byPrefix.forEach((k, list) -> {
      int slot = slot(k);
      while (this.names[slot] != null) {
        slot = (slot + 1) & mask;
      }
      this.keys[slot] = k;
      this.names[slot] = list.toArray(new String[0]);
    });
  }

  private int slot(int key) {
    return (key * 0x9E3779B1 >>> 16) & mask;
  }

  /** The names starting with {@code a b}, longest first, or null. */
  private String[] candidates(char a, char b) {
    int k = key(a, b);
    for (int slot = slot(k); names[slot] != null; slot = (slot + 1) & mask) {
      if (keys[slot] == k) {
        return names[slot];
      }
    }
    return null;
  }

  public List<Hit> find(CharSequence text, int from, int to) {
    List<Hit> hits = new ArrayList<>();
    int i = from;
    // Whether the char before i is a word char, carried along instead of classifying every char twice.
    boolean prevWord = i > 0 && isWordChar(text.charAt(i - 1));
    while (i + 1 < to) {
      char c0 = text.charAt(i);
      boolean latin = isLatinOrDigit(c0);
      if (prevWord && latin) {
        i++;
        continue;
      }
      String[] candidates = firstChars.get(c0) ? candidates(c0, text.charAt(i + 1)) : null;
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
        prevWord = isWordChar(text.charAt(i - 1));
      } else {
        prevWord = latin;
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
