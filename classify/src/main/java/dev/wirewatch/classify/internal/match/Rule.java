package dev.wirewatch.classify.internal.match;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A regex with its literal {@link Gate}: matches are only attempted where one of the rule's start words occurs
 * (found with {@code indexOf} on the lower-cased text, or given by a {@link PrefixIndex}), so a long alternation is
 * not tried at every character. Where the regex is an alternation, each alternative is compiled on its own and only
 * those whose start word is at a place are tried there, in the regex's order; a start word that the regex puts after
 * {@code \b} is not tried inside a word. Same matches as {@code Matcher.find()} over the region, in order,
 * non-overlapping ({@code RuleTest} checks this for every shipped rule).
 */
public final class Rule {

  private final Pattern pattern;
  private final Gate gate;
  private final List<String> prefixes;
  /**
   * The innermost alternatives of the regex, each compiled alone, and for each start word the alternatives that can
   * begin with it (ascending, i.e. in the regex's order of preference). At a start word only those are tried, instead
   * of the whole alternation. Null when the regex is not a plain alternation of gated parts.
   */
  private final Pattern[] leaves;
  private final int[][] leavesByPrefix;
  /** Per start word: every alternative starting with it needs a word boundary before it (see {@link Gate#wordStart}). */
  private final boolean[] wordStart;
  /**
   * The id of this rule in the {@link PrefixIndex} that last took it in, kept here so that asking for it costs a field
   * read instead of a map look-up; one immutable object, so a reader never sees one index's owner with another's id.
   */
  private volatile IndexSlot slot;

  /** A rule's id in one index. */
  record IndexSlot(PrefixIndex index, int id) {
  }

  public Rule(Pattern pattern) {
    this.pattern = pattern;
    this.gate = Gate.of(pattern.pattern());
    List<String> leafRegexes = new ArrayList<>();
    Gate.leaves(pattern.pattern(), leafRegexes);
    List<String> starts = new ArrayList<>();
    List<Boolean> startsAtWord = new ArrayList<>();
    List<List<Integer>> byStart = new ArrayList<>();
    String source = pattern.pattern();
    // An inline flag such as "(?i)" at the top applies to every later alternative; split apart they would lose it.
    boolean split = gate.prefixes() != null && leafRegexes.size() > 1 && !source.contains("(?i)") && !source.contains("(?-i)")
        && !source.contains("(?s)") && !source.contains("(?m)") && !source.contains("(?u)");
    Pattern[] compiled = new Pattern[leafRegexes.size()];
    for (int i = 0; split && i < leafRegexes.size(); i++) {
      Gate leafGate = Gate.of(leafRegexes.get(i));
      List<String> leafStarts = leafGate.prefixes();
      if (leafStarts == null) {
        split = false;
        break;
      }
      compiled[i] = Pattern.compile(leafRegexes.get(i), pattern.flags());
      for (int w = 0; w < leafStarts.size(); w++) {
        String start = leafStarts.get(w);
        int k = starts.indexOf(start);
        if (k < 0) {
          starts.add(start);
          startsAtWord.add(leafGate.wordStart().get(w));
          byStart.add(new ArrayList<>());
          k = starts.size() - 1;
        } else if (!leafGate.wordStart().get(w)) {
          startsAtWord.set(k, false);
        }
        if (!byStart.get(k).contains(i)) {
          byStart.get(k).add(i);
        }
      }
    }
    if (split) {
      this.prefixes = List.copyOf(starts);
      this.leaves = compiled;
      this.leavesByPrefix = byStart.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
      this.wordStart = toArray(startsAtWord);
    } else {
      this.prefixes = gate.prefixes();
      this.leaves = null;
      this.leavesByPrefix = null;
      this.wordStart = gate.prefixes() == null ? null : toArray(gate.wordStart());
    }
  }

  /**
   * A rule whose every match starts with one of {@code starts} (lower-case literals), for regexes whose start
   * {@link Gate} cannot read (an optional leading group).
   */
  public Rule(Pattern pattern, List<String> starts) {
    this.pattern = pattern;
    this.gate = null;
    this.prefixes = List.copyOf(starts);
    this.leaves = null;
    this.leavesByPrefix = null;
    this.wordStart = new boolean[starts.size()];
  }

  private static boolean[] toArray(List<Boolean> flags) {
    boolean[] out = new boolean[flags.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = flags.get(i);
    }
    return out;
  }

  IndexSlot slot() {
    return slot;
  }

  void slot(IndexSlot slot) {
    this.slot = slot;
  }

  /** Whether start word {@code k} can only begin a match at a word start. */
  boolean wordStart(int k) {
    return wordStart[k];
  }

  /** Receives the matcher positioned on each match, in order. */
  public interface MatchHandler {
    void onMatch(Matcher m);
  }

  /** Calls {@code handler} for every match in {@code text[from, to)}, as {@link #findAll} would find them. */
  public void forEach(String text, String lower, int from, int to, MatchHandler handler) {
    Matcher m = pattern.matcher(text);
    m.useTransparentBounds(true).useAnchoringBounds(false);
    if (prefixes == null) {
      m.region(from, to);
      while (m.find()) {
        handler.onMatch(m);
      }
      return;
    }
    long[] occ = occurrences(lower, from, to);
    int pos = from;
    for (int idx = 0; idx < occ.length; idx++) {
      int at = (int) (occ[idx] >>> 16);
      if (at < pos || idx > 0 && (int) (occ[idx - 1] >>> 16) == at) {
        continue;
      }
      m.region(at, to);
      if (m.lookingAt()) {
        int end = m.end();
        handler.onMatch(m);
        pos = Math.max(end, at + 1);
      } else {
        pos = at + 1;
      }
    }
  }

  /**
   * Every place in {@code lower[from, to)} where a start word occurs, as {@code position << 16 | start word index},
   * sorted: one {@code indexOf} per occurrence, then positions are visited in order.
   */
  private long[] occurrences(String lower, int from, int to) {
    long[] occ = new long[16];
    int n = 0;
    // indexOf cannot stop at {@code to}: search a copy of the window when it is a small part of the text, so an
    // absent word is not looked for up to the end of the article.
    String window = to - from < lower.length() / 2 ? lower.substring(from, to) : lower;
    int base = window == lower ? 0 : from;
    int start = from - base;
    int limit = to - base;
    for (int k = 0; k < prefixes.size(); k++) {
      String p = prefixes.get(k);
      for (int i = window.indexOf(p, start); i >= 0 && i < limit; i = window.indexOf(p, i + 1)) {
        // "\\bheld" cannot match inside "upheld": the regex would fail there, so it is not tried.
        if (wordStart[k] && i + base > 0 && Gate.isWordChar(lower.charAt(i + base - 1))) {
          continue;
        }
        if (n == occ.length) {
          occ = java.util.Arrays.copyOf(occ, n * 2);
        }
        occ[n++] = (long) (i + base) << 16 | k;
      }
    }
    occ = java.util.Arrays.copyOf(occ, n);
    java.util.Arrays.sort(occ);
    return occ;
  }


  public Pattern pattern() {
    return pattern;
  }

  /** First match in {@code text[from, to)}, or null; {@code lower} is {@link Gate#lower} of text. */
  public Span find(String text, String lower, int from, int to) {
    List<Span> all = scan(text, lower, from, to, true);
    return all.isEmpty() ? null : all.get(0);
  }

  /** Every match in {@code text[from, to)}. */
  public List<Span> findAll(String text, String lower, int from, int to) {
    return scan(text, lower, from, to, false);
  }

  /** The start words (lower-case), or null when the rule has none and runs its regex everywhere. */
  List<String> prefixes() {
    return prefixes;
  }

  /** Every match in the whole {@code text}, given the occurrences of the start words from a {@link PrefixIndex}. */
  List<Span> findAll(String text, long[] occurrences) {
    return scan(text, null, 0, text.length(), false, occurrences);
  }

  private List<Span> scan(String text, String lower, int from, int to, boolean firstOnly) {
    return scan(text, lower, from, to, firstOnly, null);
  }

  private List<Span> scan(String text, String lower, int from, int to, boolean firstOnly, long[] known) {
    List<Span> out = new ArrayList<>();
    if (prefixes == null) {
      Matcher m = pattern.matcher(text);
      m.useTransparentBounds(true).useAnchoringBounds(false);
      m.region(from, to);
      while (m.find()) {
        out.add(new Span(m.start(), m.end()));
        if (firstOnly) {
          break;
        }
      }
      return out;
    }
    long[] occ = known != null ? known : occurrences(lower, from, to);
    Matcher whole = null;
    Matcher[] leafMatchers = leaves == null || occ.length == 0 ? null : new Matcher[leaves.length];
    int pos = from;
    int idx = 0;
    while (idx < occ.length) {
      int at = (int) (occ[idx] >>> 16);
      int group = idx;
      while (group < occ.length && (int) (occ[group] >>> 16) == at) {
        group++;
      }
      if (at < pos) {
        idx = group;
        continue;
      }
      int end = -1;
      if (leaves == null) {
        if (whole == null) {
          whole = pattern.matcher(text);
          whole.useTransparentBounds(true).useAnchoringBounds(false);
        }
        whole.region(at, to);
        if (whole.lookingAt()) {
          end = whole.end();
        }
      } else {
        end = leafMatch(text, at, to, occ, idx, group, leafMatchers);
      }
      if (end >= 0) {
        out.add(new Span(at, end));
        if (firstOnly) {
          break;
        }
        pos = Math.max(end, at + 1);
      } else {
        pos = at + 1;
      }
      idx = group;
    }
    return out;
  }

  /**
   * End of the first alternative (in regex order) matching at {@code at}, trying only those whose start word occurs
   * there ({@code occ[first, last)}), or -1.
   */
  private int leafMatch(String text, int at, int to, long[] occ, int first, int last, Matcher[] matchers) {
    int best = Integer.MAX_VALUE;
    int end = -1;
    for (int g = first; g < last; g++) {
      for (int leaf : leavesByPrefix[(int) (occ[g] & 0xFFFF)]) {
        if (leaf >= best) {
          break;
        }
        Matcher m = matchers[leaf];
        if (m == null) {
          m = leaves[leaf].matcher(text);
          m.useTransparentBounds(true).useAnchoringBounds(false);
          matchers[leaf] = m;
        }
        m.region(at, to);
        if (m.lookingAt()) {
          best = leaf;
          end = m.end();
          break;
        }
      }
    }
    return end;
  }


}
