package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Gate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** An article body cut into paragraphs and sentences, every piece keeping its UTF-16 offsets into the body. */
public final class Text {

  /** A sentence: {@code [start, end)} of the body, and the index of its paragraph. */
  public record Sentence(int index, int paragraph, int start, int end, String text) {
  }

  /** A paragraph: {@code [start, end)} of the body and the indices of its sentences. */
  public record Paragraph(int index, int start, int end, int firstSentence, int lastSentence) {
  }

  // A sentence ends at [.!?] (closing quotes kept), whitespace and a capital or digit — unless the full stop ends an
  // abbreviation such as U.S., D.C., Mr. or Jan. — or at a Chinese 。！？；. Paragraphs end at every line break.
  private static final List<String> ABBREVIATED_WORDS = List.of("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Sen", "Rep", "St",
      "No", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Gov", "Amb", "Vol", "vs", "etc");
  private static final Pattern ABBREVIATION = Pattern.compile(
      "(?:\\b\\p{Lu}\\.){1,3}[\"”’')]*\\s*$|\\b(?:" + String.join("|", ABBREVIATED_WORDS) + ")\\.\\s*$");

  private final String body;
  private final String lower;
  private final List<Sentence> sentences;
  private final List<Paragraph> paragraphs;

  private Text(String body) {
    this.body = body;
    this.lower = Gate.lower(body);
    List<Sentence> ss = new ArrayList<>();
    List<Paragraph> ps = new ArrayList<>();
    int pos = 0;
    while (pos <= body.length()) {
      int end;
      int next;
      int nl = body.indexOf('\n', pos);
      if (nl >= 0) {
        // Same cut as PARAGRAPH_BREAK, without running a regex over every character.
        if (nl > pos && body.charAt(nl - 1) == '\r') {
          end = nl - 1;
          next = nl + 1;
        } else {
          end = nl;
          next = blankLineEnd(nl);
        }
      } else {
        end = body.length();
        next = body.length() + 1;
      }
      int[] trimmed = trim(body, pos, end);
      if (trimmed[0] < trimmed[1]) {
        int first = ss.size();
        splitSentences(trimmed[0], trimmed[1], ps.size(), ss);
        ps.add(new Paragraph(ps.size(), trimmed[0], trimmed[1], first, ss.size() - 1));
      }
      pos = next;
    }
    // Read-only views: nothing changes the lists after the cut, so they are not copied.
    this.sentences = java.util.Collections.unmodifiableList(ss);
    this.paragraphs = java.util.Collections.unmodifiableList(ps);
  }

  /** End of {@code \n[ \t\u00a0\u3000]*\n\s*} at {@code nl}, or {@code nl + 1} when no blank line follows. */
  private int blankLineEnd(int nl) {
    int i = nl + 1;
    while (i < body.length() && " \t\u00a0\u3000".indexOf(body.charAt(i)) >= 0) {
      i++;
    }
    if (i >= body.length() || body.charAt(i) != '\n') {
      return nl + 1;
    }
    i++;
    while (i < body.length() && isRegexSpace(body.charAt(i))) {
      i++;
    }
    return i;
  }

  /** White space as the regex {@code \s} sees it. */
  static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** Next sentence end in {@code [from, to)} as SENTENCE_END finds it: {start, end}, or null. */
  private int[] nextEnd(int from, int to) {
    for (int i = from; i < to; i++) {
      char c = body.charAt(i);
      if (c == '。' || c == '！' || c == '？' || c == '；') {
        return new int[] {i, i + 1};
      }
      if (c != '.' && c != '!' && c != '?') {
        continue;
      }
      int j = i + 1;
      while (j < to && "\"”’')".indexOf(body.charAt(j)) >= 0) {
        j++;
      }
      int k = j;
      while (k < to && isRegexSpace(body.charAt(k))) {
        k++;
      }
      if (k == j) {
        continue;
      }
      int look = k < to && "\"“‘(".indexOf(body.charAt(k)) >= 0 ? k + 1 : k;
      if (look < to && startsSentence(body.charAt(look))) {
        return new int[] {i, k};
      }
    }
    return null;
  }

  /** {@code [\p{Lu}\p{N}]}. */
  private static boolean startsSentence(char c) {
    int type = Character.getType(c);
    return type == Character.UPPERCASE_LETTER || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  public static Text of(String body) {
    return new Text(body == null ? "" : body);
  }

  private void splitSentences(int from, int to, int paragraph, List<Sentence> out) {
    int start = from;
    for (int[] m = nextEnd(from, to); m != null; m = nextEnd(m[1], to)) {
      int cut = m[0] + 1;
      // Keep closing quotes with the sentence they close.
      while (cut < to && "\"”’')".indexOf(body.charAt(cut)) >= 0) {
        cut++;
      }
      if (body.charAt(m[0]) == '.' && mayEndAbbreviation(Math.max(start, m[0] - 12), m[0])
          && ABBREVIATION.matcher(body.substring(Math.max(start, m[0] - 12), cut)).find()) {
        continue;
      }
      add(start, cut, paragraph, out);
      start = m[1];
    }
    add(start, to, paragraph, out);
  }

  /**
   * Whether the full stop at {@code dot} can end an ABBREVIATION match read from {@code from}: one needs a capital
   * letter or one of the listed words right before the stop. Most stops follow a small letter and are not searched.
   */
  private boolean mayEndAbbreviation(int from, int dot) {
    if (dot <= from) {
      return false;
    }
    if (Character.getType(body.charAt(dot - 1)) == Character.UPPERCASE_LETTER) {
      return true;
    }
    for (String word : ABBREVIATED_WORDS) {
      if (dot - word.length() >= from && body.startsWith(word, dot - word.length())) {
        return true;
      }
    }
    return false;
  }

  private void add(int start, int end, int paragraph, List<Sentence> out) {
    int[] t = trim(body, start, end);
    if (t[0] < t[1]) {
      out.add(new Sentence(out.size(), paragraph, t[0], t[1], body.substring(t[0], t[1])));
    }
  }

  private static int[] trim(String s, int start, int end) {
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return new int[] {start, end};
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || c == '\u00a0' || c == '\u3000';
  }

  public String body() {
    return body;
  }

  /** The body lower-cased char by char (same offsets), for literal pre-checks. */
  public String lower() {
    return lower;
  }

  public List<Sentence> sentences() {
    return sentences;
  }

  public List<Paragraph> paragraphs() {
    return paragraphs;
  }

  /** "zh" when CJK ideographs make up at least a third of the letters, else "en". */
  public static String guessLanguage(String text) {
    if (text == null) {
      return "en";
    }
    int cjk = 0;
    int letters = 0;
    int limit = Math.min(text.length(), 4000);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < 128 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Character.isLetter(c)) {
        letters++;
        // No Han character lies below U+2E80: the script look-up (a binary search) is spared for the rest.
        if (c >= 0x2E80 && Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN) {
          cjk++;
        }
      }
    }
    return letters > 0 && cjk * 3 >= letters ? "zh" : "en";
  }
}
