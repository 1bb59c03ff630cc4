package dev.wirewatch.classify.internal.match;

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
public final class Hits {

  private static final Span[] NONE = new Span[0];

  private final String body;
  private final String lower;
  /** Matches of the index's rules by rule id; of other rules by rule. */
  private final Span[][] byId;
  private final Map<Rule, Span[]> byRule = new IdentityHashMap<>();
  private final PrefixIndex index;
  private long[][] occurrences;

  public Hits(String body, String lower, PrefixIndex index) {
    this.body = body;
    this.lower = lower;
    this.index = index;
    this.byId = new Span[index.size()][];
  }

  private long[][] occurrences() {
    if (occurrences == null) {
      occurrences = index.scan(lower);
    }
    return occurrences;
  }

  private Span[] all(Rule rule) {
    int id = index.id(rule);
    Span[] found = id >= 0 ? byId[id] : byRule.get(rule);
    if (found == null) {
      List<Span> list = id >= 0 ? rule.findAll(body, occurrences()[id]) : rule.findAll(body, lower, 0, body.length());
      found = list.isEmpty() ? NONE : list.toArray(NONE);
      if (id >= 0) {
        byId[id] = found;
      } else {
        byRule.put(rule, found);
      }
    }
    return found;
  }

  /** The first match lying wholly in {@code [from, to)}, or null. */
  public Span first(Rule rule, int from, int to) {
    Span[] all = all(rule);
    for (int i = lowerBound(all, from); i < all.length && all[i].start() < to; i++) {
      if (all[i].end() <= to) {
        return all[i];
      }
    }
    return null;
  }

  /** Every match lying wholly in {@code [from, to)}, in text order; read-only when empty. */
  public List<Span> in(Rule rule, int from, int to) {
    Span[] all = all(rule);
    List<Span> out = List.of();
    for (int i = lowerBound(all, from); i < all.length && all[i].start() < to; i++) {
      if (all[i].end() <= to) {
        if (out.isEmpty()) {
          out = new ArrayList<>(2);
        }
        out.add(all[i]);
      }
    }
    return out;
  }

  private static int lowerBound(Span[] all, int from) {
    int lo = 0;
    int hi = all.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (all[mid].start() < from) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
