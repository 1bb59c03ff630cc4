package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Gate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scans of {@link CoChairs} stand in for regexes that were tried at every character; they must give
 * what those regexes give, on ordinary sentences and on random strings of the characters that matter to them.
 */
class CoChairsScanTest {

  /** The clause openers that {@link CoChairs#clauseStart} reads backwards. */
  private static final Pattern CLAUSE_START = Pattern.compile(
      "(?i)(?:^|;|:|\\bwhile\\s+|\\bthat\\s+|\\bwhere\\s+|\\bwhen\\s+|\\bsaid\\s+|，|：|；)");
  private static final Pattern TRAILING_SPACE_COMMA = Pattern.compile("[\\s,]+$");
  /** Clause words in several cases and with the white space the regex allows after them. */
  private static final List<String> WORDS = List.of("while ", "that ", "said ", "when ", "where ", "While\t", "THAT ", "Said  ", "wHeN ");

  private static int clauseStartByRegex(String s, int verbStart) {
    Matcher m = CLAUSE_START.matcher(s).region(0, verbStart);
    int start = 0;
    while (m.find()) {
      start = m.end();
    }
    return start;
  }

  private static List<String> samples() {
    List<String> out = new ArrayList<>(List.of(
        "The talks, which Ma Lianhe co-chaired while Tanja Bergmann said nothing",
        "While the two sides met, SAID officials; the envoy: Lin Fei",
        "somewhat wheres and thats, meanwhile    said\tthat when",
        "双方表示，会议由中国外交部国际司司长和欧盟对外行动署代表共同主持",
        "said  ", "x;", ", ,\n", "abc, \u2028", "abc \r\n", "names,, \u0085", ""));
    // Random strings over the characters the scans and regexes care about.
    String alphabet = "aehilnstwWTSdr ,;:\t\n\u2028\u0085_9，；：é\u0301";
    Random random = new Random(20261122);
    for (int i = 0; i < 5_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(24);
      for (int k = 0; k < length; k++) {
        b.append(random.nextInt(4) == 0 ? WORDS.get(random.nextInt(WORDS.size()))
            : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
      }
      out.add(b.toString());
    }
    return out;
  }

  @Test
  void clauseStartIsTheEndOfTheLastOpenerTheRegexFinds() {
    for (String s : samples()) {
      for (int verb = 0; verb <= s.length(); verb++) {
        assertEquals(clauseStartByRegex(s, verb), CoChairs.clauseStart(s, verb), () -> "clause start in \"" + s + "\"");
      }
    }
  }

  private static List<String> allMatches(Matcher m) {
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.start() + "-" + m.end());
    }
    return out;
  }

  @Test
  void searchesStartedAtTheRunBeforeTheirWordsFindEveryMatch() {
    List<String> sentences = new ArrayList<>(samples());
    // Sentences built from the patterns' own words, in any order, with the punctuation the run stops at.
    String[] parts = {"will ", "co-chair ", "cochaired ", "the ", "Chinese ", "EU ", "delegations ", "delegation ", "side ",
        "team ", "was ", "led ", "by ", "head ", "headed ", "also ", ", ", "; ", "(", "9 ", "St. ", "Mr.", "共同主持", "\t", "_"};
    Random random = new Random(11);
    for (int i = 0; i < 5_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int k = random.nextInt(16); k > 0; k--) {
        b.append(parts[random.nextInt(parts.length)]);
      }
      sentences.add(b.toString());
    }
    for (String s : sentences) {
      String lower = Gate.lower(s);
      assertEquals(allMatches(CoChairs.CHAIR_VERB.matcher(s)), allMatches(CoChairs.searchFromRunBefore(CoChairs.CHAIR_VERB, s, lower,
          List.of("co-chair", "cochair", "delegations", "共同主持", "联合主持"))), s);
      assertEquals(allMatches(CoChairs.LED_BY.matcher(s)), allMatches(CoChairs.searchFromRunBefore(CoChairs.LED_BY, s, lower,
          CoChairs.UNIT_WORDS)), s);
      assertEquals(allMatches(CoChairs.LEADS.matcher(s)), allMatches(CoChairs.searchFromRunBefore(CoChairs.LEADS, s, lower,
          CoChairs.UNIT_WORDS)), s);
    }
  }

  @Test
  void trailingSpaceAndCommasGoAsTheRegexRemovesThem() {
    for (String s : samples()) {
      assertEquals(TRAILING_SPACE_COMMA.matcher(s).replaceAll(""), CoChairs.withoutTrailingSpaceOrComma(s), () -> "\"" + s + "\"");
    }
  }
}
