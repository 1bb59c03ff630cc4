package dev.wirewatch.classify.internal.match;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the start words of many {@link Rule}s occur in a text, found in one pass over it: each position is looked up
 * by its first two characters (one table probe) instead of calling {@code indexOf} once per start word of every rule.
 * Immutable once built; {@link #scan} allocates only its result and a copy of the text's chars.
 */
public final class PrefixIndex {

  /** A start word and every (rule id, index of the word among that rule's start words) that has it. */
  private record Entry(String word, int[] rules, int[] ks) {
  }

  /** One rule's use of a start word: the rule's id and the word's index among its start words. */
  private record Use(int rule, int k) {
  }

  /** A trie node: children by character (ASCII in an array, others in a sorted array), and the word ending here. */
  private static final class Node {
    private Node[] ascii;
    private char[] otherKeys = new char[0];
    private Node[] otherNodes = new Node[0];
    private Entry word;

    Node child(char c) {
      if (c < 128) {
        return ascii == null ? null : ascii[c];
      }
      int i = java.util.Arrays.binarySearch(otherKeys, c);
      return i < 0 ? null : otherNodes[i];
    }

    Node add(char c) {
      Node n = child(c);
      if (n != null) {
        return n;
      }
      n = new Node();
      if (c < 128) {
        if (ascii == null) {
          ascii = new Node[128];
        }
        ascii[c] = n;
        return n;
      }
      int at = -java.util.Arrays.binarySearch(otherKeys, c) - 1;
      char[] keys = new char[otherKeys.length + 1];
      Node[] nodes = new Node[otherNodes.length + 1];
      System.arraycopy(otherKeys, 0, keys, 0, at);
      System.arraycopy(otherNodes, 0, nodes, 0, at);
      keys[at] = c;
      nodes[at] = n;
      System.arraycopy(otherKeys, at, keys, at + 1, otherKeys.length - at);
      System.arraycopy(otherNodes, at, nodes, at + 1, otherNodes.length - at);
      otherKeys = keys;
      otherNodes = nodes;
      return n;
    }
  }

  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      ASCII_WORD[c] = Gate.isWordChar(c);
    }
  }

  private final Map<Rule, Integer> ids = new IdentityHashMap<>();
  /** Words that may start anywhere. */
  private final Node anywhere = new Node();
  /**
   * Words that may start anywhere and words that only start a match after a non-word character ("\\bheld", not walked
   * inside words) in one trie, walked at word starts: one walk per position instead of two. Where a word is in
   * both, its entry lists the "anywhere" users first. The order of entries at one position does not matter: a rule
   * groups its occurrences by position.
   */
  private final Node both = new Node();
  /** First-character tables of {@link #anywhere} and {@link #both}: the first probe is one array load. */
  private final Node[] anywhereByChar = new Node[Character.MAX_VALUE + 1];
  private final Node[] bothByChar = new Node[Character.MAX_VALUE + 1];
  /**
   * For two ASCII chars {@code a b} at {@code (a << 7) | b}: the node after both, so the common case (ASCII text,
   * nothing starts here) costs one array load. Words of one char are in {@link #anywhereByChar}/{@link #bothByChar}.
   */
  private final Node[] anywhereByPair = new Node[128 * 128];
  private final Node[] bothByPair = new Node[128 * 128];
  /**
   * One bit per entry of the tables above that holds a node: 2 KB and 8 KB that stay in the first-level cache, where
   * the tables (64 KB and 256 KB of references) would not; most positions start no word and stop at the bit.
   */
  private final long[] anywherePairBits = new long[128 * 128 / 64];
  private final long[] bothPairBits = new long[128 * 128 / 64];
  private final long[] anywhereCharBits = new long[(Character.MAX_VALUE + 1) / 64];
  private final long[] bothCharBits = new long[(Character.MAX_VALUE + 1) / 64];
  /**
   * Whether any start word is a single ASCII char (then the pair tables alone would miss it). One-char words outside
   * ASCII ("中") are found by the first-char walk, which every non-ASCII position takes.
   */
  private final boolean oneCharAsciiWords;

  public PrefixIndex(List<Rule> rules) {
    // Rules share words ("held" is a status and a "here" cue): each word is walked once per position.
    Map<String, List<Use>> anyUsers = new java.util.LinkedHashMap<>();
    Map<String, List<Use>> wordUsers = new java.util.LinkedHashMap<>();
    for (Rule rule : rules) {
      if (rule.prefixes() == null || ids.containsKey(rule)) {
        continue;
      }
      int id = ids.size();
      ids.put(rule, id);
      rule.slot(new Rule.IndexSlot(this, id));
      List<String> words = rule.prefixes();
      for (int k = 0; k < words.size(); k++) {
        (rule.wordStart(k) ? wordUsers : anyUsers).computeIfAbsent(words.get(k), w -> new ArrayList<>()).add(new Use(id, k));
      }
    }
    insert(anywhere, anyUsers);
    Map<String, List<Use>> bothUsers = new java.util.LinkedHashMap<>();
    anyUsers.forEach((w, list) -> bothUsers.computeIfAbsent(w, x -> new ArrayList<>()).addAll(list));
    wordUsers.forEach((w, list) -> bothUsers.computeIfAbsent(w, x -> new ArrayList<>()).addAll(list));
    insert(both, bothUsers);
    for (int c = 0; c <= Character.MAX_VALUE; c++) {
      anywhereByChar[c] = anywhere.child((char) c);
      bothByChar[c] = both.child((char) c);
      setIf(anywhereCharBits, c, anywhereByChar[c]);
      setIf(bothCharBits, c, bothByChar[c]);
    }
    boolean single = false;
    for (int c = 0; c < 128; c++) {
      single |= bothByChar[c] != null && bothByChar[c].word != null;
    }
    this.oneCharAsciiWords = single;
    for (int a = 0; a < 128; a++) {
      for (int b = 0; b < 128; b++) {
        anywhereByPair[a << 7 | b] = anywhereByChar[a] == null ? null : anywhereByChar[a].child((char) b);
        bothByPair[a << 7 | b] = bothByChar[a] == null ? null : bothByChar[a].child((char) b);
        setIf(anywherePairBits, a << 7 | b, anywhereByPair[a << 7 | b]);
        setIf(bothPairBits, a << 7 | b, bothByPair[a << 7 | b]);
      }
    }
  }

  private static void setIf(long[] bits, int at, Node node) {
    if (node != null) {
      bits[at >>> 6] |= 1L << at;
    }
  }

  private static boolean has(long[] bits, int at) {
    return (bits[at >>> 6] & 1L << at) != 0;
  }

  private static void insert(Node root, Map<String, List<Use>> users) {
    users.forEach((w, list) -> {
      Node n = root;
      for (int i = 0; i < w.length(); i++) {
        n = n.add(w.charAt(i));
      }
      n.word = new Entry(w, list.stream().mapToInt(Use::rule).toArray(), list.stream().mapToInt(Use::k).toArray());
    });
  }

  /** How many rules this index holds; their ids are 0 to size - 1. */
  int size() {
    return ids.size();
  }

  /** The id of a rule in this index, or -1. */
  int id(Rule rule) {
    Rule.IndexSlot slot = rule.slot();
    if (slot != null && slot.index() == this) {
      return slot.id();
    }
    Integer id = ids.get(rule);
    return id == null ? -1 : id;
  }

  /** Per rule id, the sorted occurrences {@code position << 16 | start word index} of its start words in {@code lower}. */
  long[][] scan(String lower) {
    int rules = ids.size();
    long[][] occ = new long[rules][];
    int[] count = new int[rules];
    char[] chars = lower.toCharArray();
    int n = chars.length;
    Node[] anyFirst = anywhereByChar;
    Node[] bothFirst = bothByChar;
    Node[] anyPair = anywhereByPair;
    Node[] bothPair = bothByPair;
    char prev = ' ';
    for (int i = 0; i < n; i++) {
      char c = chars[i];
      boolean midWord = prev < 128 ? ASCII_WORD[prev] : Gate.isWordChar(prev);
      prev = c;
      if (i + 1 < n && (c | chars[i + 1]) < 128) {
        int pair = c << 7 | chars[i + 1];
        if (oneCharAsciiWords) {
          Node first = (midWord ? anyFirst : bothFirst)[c];
          if (first != null && first.word != null) {
            add(occ, count, first.word, i);
          }
        }
        if (has(midWord ? anywherePairBits : bothPairBits, pair)) {
          walk((midWord ? anyPair : bothPair)[pair], chars, i, i + 2, occ, count);
        }
        continue;
      }
      if (has(midWord ? anywhereCharBits : bothCharBits, c)) {
        walk(midWord ? anyFirst[c] : bothFirst[c], chars, i, i + 1, occ, count);
      }
    }
    for (int r = 0; r < rules; r++) {
      occ[r] = occ[r] == null ? new long[0] : java.util.Arrays.copyOf(occ[r], count[r]);
    }
    return occ;
  }

  /** Records every word of the trie that starts at {@code i}, given the node reached by {@code chars[i, j)}. */
  private static void walk(Node reached, char[] chars, int i, int j, long[][] occ, int[] count) {
    Node node = reached;
    while (true) {
      if (node.word != null) {
        add(occ, count, node.word, i);
      }
      if (j >= chars.length) {
        return;
      }
      node = node.child(chars[j++]);
      if (node == null) {
        return;
      }
    }
  }

  private static void add(long[][] occ, int[] count, Entry e, int at) {
    for (int u = 0; u < e.rules().length; u++) {
      int rule = e.rules()[u];
      long[] list = occ[rule];
      if (list == null) {
        list = new long[8];
        occ[rule] = list;
      } else if (count[rule] == list.length) {
        list = java.util.Arrays.copyOf(list, list.length * 2);
        occ[rule] = list;
      }
      list[count[rule]++] = (long) at << 16 | e.ks()[u];
    }
  }

}
