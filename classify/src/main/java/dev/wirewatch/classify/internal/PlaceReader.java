package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Gate;
import dev.wirewatch.classify.internal.match.Span;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads where a round takes place: "here" in a story datelined in a known city, a known city after "in"/"at" in the
 * cluster, else "in the Egyptian city of X" or "in X, Norway" for a place not in the city list.
 */
final class PlaceReader {

  /** The place found and where it was read. */
  record Place(Lexicon.City city, Span span) {
  }

  private static final Pattern IN_BEFORE = Pattern.compile("(?i)(?:\\bin|\\bat|\\bto|在|于|赴)(?:\\s+(?:the\\s+)?(?:[\\w-]+\\s+){0,3}?(?:of\\s+)?)?\\s*$");
  private static final Pattern PLACE_COUNTRY = Pattern.compile(
      "\\bin\\s+(\\p{Lu}\\p{L}+(?:[\\s-]\\p{Lu}\\p{L}+){0,2}),\\s+(?:(?:north|south|east|west|central|northeast|northwest|southeast|southwest)(?:ern)?\\s+)?"
          + "(\\p{Lu}\\p{L}+(?:\\s\\p{Lu}\\p{L}+)*)");
  private static final Pattern HERE = Pattern.compile("\\bhere\\b");
  /** "in the Egyptian city of Sharm El-Sheikh": a place not in the city list, with its country from the demonym. */
  private static final Pattern CITY_OF = Pattern.compile(
      "\\bin\\s+the\\s+(\\p{Lu}\\p{L}+)\\s+(?:(?:resort|port|coastal|border|capital|northern|southern|eastern|western)\\s+)?(?:city|town)\\s+of\\s+(\\p{Lu}[\\p{L}'’]*(?:[\\s-]\\p{Lu}[\\p{L}'’]*){0,2})");
  /** A place right after these is where a mission sits, not where a round met. */
  private static final Pattern MISSION_IN = Pattern.compile("(?i)\\b(?:embassy|consulate|consulate-general|mission|ambassador)\\s+(?:in|to)\\s+(?:the\\s+)?$");
  /** Score of "here" in the first sentence of a story datelined in a known city: above any place named in the text. */
  private static final int HERE_SCORE = 10;
  /**
   * "Beijing said", "Canberra's response", "pressed by Washington": a capital standing for its government, not a
   * venue. Read on the few characters after (or before) a city that no "in"/"at" introduces.
   */
  private static final Pattern METONYM_AFTER = Pattern.compile(
      "^(?:['’]s\\b|\\s+(?:has\\s+|had\\s+|have\\s+|would\\s+|then\\s+|also\\s+)?(?:said|says|told|retaliated|halted|suspended|froze|frozen|rejected|accused"
          + "|urged|insisted|refused|denied|responded|protested|wants|wanted|to\\s+show|sees|saw|argued|argues)\\b)");
  private static final Pattern METONYM_BEFORE = Pattern.compile("(?i)\\b(?:from|for|by|told|urged|pressed|pressing|pressure\\s+on|criticised|criticized)\\s+$");
  /** "London hosted the seventh round": the city as the host. */
  private static final Pattern HOSTS = Pattern.compile("^\\s+(?:hosted|hosts|will\\s+host|is\\s+hosting|was\\s+host)\\b");
  /** "to visit Zurich": a visit made during the round, not its venue. */
  private static final Pattern VISIT_BEFORE = Pattern.compile("(?i)\\bvisit(?:s|ed|ing)?\\s+(?:to\\s+)?$");
  /** "in the city", "in the Brazilian capital" (no name after): the dateline's city. */
  private static final Pattern THE_CITY = Pattern.compile("\\bin\\s+the\\s+(?:\\p{Lu}\\p{L}+\\s+)?(?:city|capital)\\b(?!\\s+(?:of\\s+)?\\p{Lu})");

  private final Lexicon lex;
  private final ReportingCue reporting;

  PlaceReader(Lexicon lexicon, ReportingCue reporting) {
    this.lex = lexicon;
    this.reporting = reporting;
  }

  /** Where the candidate's round takes place, or null. */
  Place read(Article article, Candidate best) {
    String body = article.body();
    String lower = article.lower();
    int bestScore = Integer.MIN_VALUE;
    Place place = null;
    // A round called off or suspended has a place only when the sentence that says so names it; other places in
    // the story are where it was announced or where the other side reacted.
    String kind = best.status().kind();
    int sentences = "CANCELLED".equals(kind) || "SUSPENDED".equals(kind) ? 1 : best.cluster().size();
    for (int i = 0; i < sentences; i++) {
      CuedSentence n = best.cluster().get(i);
      int start = n.s().start();
      int end = n.ownEnd();
      Span here = here(body, lower, n);
      if (here != null && article.dateline().city() != null) {
        Lexicon.City c = lex.city(article.dateline().city());
        // "here" in a later sentence may be where another round of the trip met: scored like a place after "in".
        int score = i == 0 ? HERE_SCORE : 2 + (n.status() != null ? 1 : 0) - i;
        if (c != null && bestScore < score) {
          bestScore = score;
          place = new Place(c, here);
        }
      }
      Span theCity = article.dateline().city() == null || !Gate.containsWithin(lower, "in the ", start, end) ? null
          : theCity(body, lower, start, end);
      if (theCity != null) {
        Lexicon.City c = lex.city(article.dateline().city());
        int score = (i == 0 ? 3 : 0) + 2 + (n.status() != null ? 1 : 0) - i;
        if (c != null && score > bestScore) {
          bestScore = score;
          place = new Place(c, theCity);
        }
      }
      for (NameFinder.Hit m : lex.cities(body, start, end)) {
        Lexicon.City c = lex.city(m.name());
        if (c == null || m.start() < article.datelineEnd() || reporting.justBefore(body, start, m.start())
            || afterMission(body, lower, Math.max(start, m.start() - 30), m.start())) {
          continue;
        }
        String before = body.substring(Math.max(start, m.start() - 40), m.start());
        String after = body.substring(m.end(), Math.min(body.length(), m.end() + 30));
        if (VISIT_BEFORE.matcher(before).find()) {
          continue;
        }
        boolean in = IN_BEFORE.matcher(before).find() || HOSTS.matcher(after).lookingAt();
        if (!in && (i > 0 || METONYM_AFTER.matcher(after).lookingAt() || METONYM_BEFORE.matcher(before).find())) {
          continue;
        }
        // A city no "in"/"at" introduces counts only when nothing better is said of the place.
        int score = (i == 0 ? 3 : 0) + (in ? 2 : -3) + (n.status() != null ? 1 : 0) - i;
        if (score > bestScore) {
          bestScore = score;
          place = new Place(c, new Span(m.start(), m.end()));
        }
      }
      if (place == null) {
        place = unlisted(body, lower, start, end);
        if (place != null) {
          bestScore = 0;
        }
      }
    }
    return place;
  }

  /** Where the sentence says "here" of the round (not "said here"), or null. */
  private Span here(String body, String lower, CuedSentence n) {
    int start = n.s().start();
    int end = n.ownEnd();
    if (lex.rule("here").find(body, lower, start, end) != null) {
      Matcher cue = lex.cue("here").matcher(body).region(start, end);
      if (cue.find()) {
        return new Span(cue.start(), cue.end());
      }
    }
    // The literal first: most sentences never say "here", and the regex would walk every char of them.
    if (n.status() != null && Gate.containsWithin(body, "here", start, end)) {
      Matcher m = HERE.matcher(body).region(start, end);
      while (m.find()) {
        if (!reporting.justBefore(body, start, m.start())) {
          return new Span(m.start(), m.end());
        }
      }
    }
    return null;
  }

  /** Where the sentence says "in the city" or "in the Swiss capital" with no name after it, or null. */
  private static Span theCity(String body, String lower, int start, int end) {
    Matcher m = atWord(THE_CITY, "in", body, lower, start, end);
    return m == null ? null : new Span(m.start(), m.end());
  }

  /** "in the Norwegian city of Bergen", "in Tromso, Norway": a place not in the city list, in a known country. */
  private Place unlisted(String body, String lower, int start, int end) {
    Matcher co = !startsWithin(lower, " of ", start, end) ? null : atWord(CITY_OF, "in", body, lower, start, end);
    if (co != null) {
      Place p = inCountry(co, 1, 2);
      if (p != null) {
        return p;
      }
    }
    Matcher pc = !startsWithin(body, ", ", start, end) ? null : atWord(PLACE_COUNTRY, "in", body, lower, start, end);
    return pc == null ? null : inCountry(pc, 2, 1);
  }

  /** The place of group {@code placeGroup} when group {@code countryGroup} names a counterpart or China, else null. */
  private Place inCountry(Matcher m, int countryGroup, int placeGroup) {
    String country = m.group(countryGroup).trim();
    String code = lex.counterpartCode(country);
    if (code == null && !China.NAMED.matcher(country).find()) {
      return null;
    }
    return new Place(new Lexicon.City(m.group(placeGroup), code == null ? "CN" : code), new Span(m.start(placeGroup), m.end(placeGroup)));
  }

  /**
   * The first match in {@code body[from, to)} of a pattern that starts with {@code \\b} and the lower-case
   * {@code word}, tried only where the word starts a word (not at every character, as {@code find()} would); the
   * matcher is left on the match, or null.
   */
  private static Matcher atWord(Pattern pattern, String word, String body, String lower, int from, int to) {
    Matcher m = null;
    for (int at = lower.indexOf(word, from); at >= 0 && at + word.length() <= to; at = lower.indexOf(word, at + 1)) {
      if (at > from && Gate.isWordChar(body.charAt(at - 1))) {
        continue;
      }
      if (m == null) {
        m = pattern.matcher(body).useTransparentBounds(true);
      }
      if (m.region(at, to).lookingAt()) {
        return m;
      }
    }
    return null;
  }

  /** Whether {@code body[from, to)} ends with "embassy in", "ambassador to the" and the like. */
  private static boolean afterMission(String body, String lower, int from, int to) {
    // Every match holds one of these words; most windows before a city name have none.
    if (!Gate.containsWithin(lower, "embass", from, to) && !Gate.containsWithin(lower, "consul", from, to)
        && !Gate.containsWithin(lower, "mission", from, to) && !Gate.containsWithin(lower, "ambassador", from, to)) {
      return false;
    }
    return MISSION_IN.matcher(body.substring(from, to)).find();
  }

  /** Whether {@code word} occurs in {@code s} starting in {@code [from, to)} (it may run past {@code to}). */
  private static boolean startsWithin(String s, String word, int from, int to) {
    char first = word.charAt(0);
    for (int i = from, last = Math.min(to, s.length() - word.length() + 1); i < last; i++) {
      if (s.charAt(i) == first && s.startsWith(word, i)) {
        return true;
      }
    }
    return false;
  }
}
