package dev.wirewatch.classify.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regex with its literal {@link Gate}: matches are only attempted where one of the rule's start words occurs
 * (found with {@code indexOf} on the lower-cased text), so a long alternation is not tried at every character.
 * Same matches as {@code Matcher.find()} over the region, in order, non-overlapping.
 */
public final class Rule {

  private final Pattern pattern;
  private final Gate gate;
  private final List<String> prefixes;

  Rule(Pattern pattern) {
    this.pattern = pattern;
    this.gate = Gate.of(pattern.pattern());
    this.prefixes = gate.prefixes();
  }

  public Pattern pattern() {
    return pattern;
  }

  /** First match {start, end} in {@code text[from, to)}, or null; {@code lower} is {@link Gate#lower} of text. */
  public int[] find(String text, String lower, int from, int to) {
    List<int[]> all = scan(text, lower, from, to, true);
    return all.isEmpty() ? null : all.get(0);
  }

  /** Every match in {@code text[from, to)}. */
  public List<int[]> findAll(String text, String lower, int from, int to) {
    return scan(text, lower, from, to, false);
  }

  private List<int[]> scan(String text, String lower, int from, int to, boolean firstOnly) {
    List<int[]> out = new ArrayList<>();
    Matcher m = pattern.matcher(text);
    m.useTransparentBounds(true).useAnchoringBounds(false);
    if (prefixes == null) {
      m.region(from, to);
      while (m.find()) {
        out.add(new int[] {m.start(), m.end()});
        if (firstOnly) {
          break;
        }
      }
      return out;
    }
    // Next occurrence of each start word, refreshed only once passed, so rare words are not searched for again
    // after every frequent one.
    int[] nextAt = new int[prefixes.size()];
    java.util.Arrays.fill(nextAt, -2);
    int pos = from;
    while (pos < to) {
      int next = Integer.MAX_VALUE;
      for (int k = 0; k < nextAt.length; k++) {
        if (nextAt[k] != -1 && nextAt[k] < pos) {
          int i = lower.indexOf(prefixes.get(k), pos);
          nextAt[k] = i >= 0 && i < to ? i : -1;
        }
        if (nextAt[k] >= 0 && nextAt[k] < next) {
          next = nextAt[k];
        }
      }
      if (next >= to) {
        break;
      }
      m.region(next, to);
      if (m.lookingAt()) {
        out.add(new int[] {m.start(), m.end()});
        if (firstOnly) {
          break;
        }
        pos = Math.max(m.end(), next + 1);
      } else {
        pos = next + 1;
      }
    }
    return out;
  }
}
