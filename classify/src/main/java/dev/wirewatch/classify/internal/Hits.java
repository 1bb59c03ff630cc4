package dev.wirewatch.classify.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every match of each {@link Rule} over one article body, found in one pass per rule and then looked up per
 * sentence by binary search. Asking a rule sentence by sentence would search the rest of the body for each of its
 * start words once per sentence; here each start word is searched for once per occurrence. Not thread-safe: one
 * instance per classification.
 */
final class Hits {

  private static final int[][] NONE = new int[0][];

  private final String body;
  private final String lower;
  /** Matches of the index's rules by rule id; of other rules by rule. */
  private final int[][][] byId;
  private final Map<Rule, int[][]> byRule = new IdentityHashMap<>();
  private final PrefixIndex index;
  private long[][] occurrences;

  Hits(String body, String lower, PrefixIndex index) {
    this.body = body;
    this.lower = lower;
    this.index = index;
    this.byId = new int[index.size()][][];
  }

  private long[][] occurrences() {
    if (occurrences == null) {
      occurrences = index.scan(lower);
    }
    return occurrences;
  }

  private int[][] all(Rule rule) {
    int id = index.id(rule);
    int[][] found = id >= 0 ? byId[id] : byRule.get(rule);
    if (found == null) {
      List<int[]> list = id >= 0 ? rule.findAll(body, occurrences()[id]) : rule.findAll(body, lower, 0, body.length());
      found = list.isEmpty() ? NONE : list.toArray(new int[0][]);
      if (id >= 0) {
        byId[id] = found;
      } else {
        byRule.put(rule, found);
      }
    }
    return found;
  }

  /** The first match lying wholly in {@code [from, to)}, or null. */
  int[] first(Rule rule, int from, int to) {
    int[][] all = all(rule);
    for (int i = lowerBound(all, from); i < all.length && all[i][0] < to; i++) {
      if (all[i][1] <= to) {
        return all[i];
      }
    }
    return null;
  }

  /** Every match lying wholly in {@code [from, to)}, in text order; read-only when empty. */
  List<int[]> in(Rule rule, int from, int to) {
    int[][] all = all(rule);
    List<int[]> out = List.of();
    for (int i = lowerBound(all, from); i < all.length && all[i][0] < to; i++) {
      if (all[i][1] <= to) {
        if (out.isEmpty()) {
          out = new ArrayList<>(2);
        }
        out.add(all[i]);
      }
    }
    return out;
  }

  private static int lowerBound(int[][] all, int from) {
    int lo = 0;
    int hi = all.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (all[mid][0] < from) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
