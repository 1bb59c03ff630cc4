package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Span;
import dev.wirewatch.schema.Evidence;
import dev.wirewatch.schema.RoundRef;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads round numbers ("39th round", "the fifteenth dialogue", "第三十九次") and the previous and next rounds a story
 * mentions, with their date, city and number.
 */
final class RoundReader {

  private static final Pattern ORDINAL_NOUN = Pattern.compile("(?i)^(?:[^.;]|(?<=\\p{Lu})\\.){0,60}?\\b(?:rounds?|dialogues?|consultations?|talks|sessions?|of (?:their|its) kind)\\b");
  /** "first" counts only right before the round's noun ("the first China-AU human rights dialogue"). */
  private static final Pattern FIRST_NOUN = Pattern.compile("(?i)^\\s+(?:[\\p{L}.-]+\\s+){0,4}?(?:rounds?|dialogues?|consultations?|sessions?)\\b");
  private static final Pattern AFTER_A_GAP = Pattern.compile(
      "(?i)^(?:\\s+[\\p{L}-]+){0,3}?\\s+(?:(?:in|for)\\s+(?:[\\w-]+\\s+){0,2}(?:years?|months?|decades?)\\b|since\\b)");
  private static final Pattern ZH_ORDINAL = Pattern.compile("第([0-9]{1,3}|[一二三四五六七八九十]{1,4})(?:次|轮|届)");
  private static final int MAX_ROUND = 200;

  /** The previous and next rounds of a story's round, each null when not mentioned. */
  record Neighbours(RoundRef previous, RoundRef next) {
  }

  /** The date and city of another round read from a stretch of a sentence, with their evidence. */
  private record DateAndCity(String date, String city, List<Evidence> evidence) {
  }

  private final Lexicon lex;
  private final CueReader cues;
  private final ReportingCue reporting;

  RoundReader(Lexicon lexicon, CueReader cues, ReportingCue reporting) {
    this.lex = lexicon;
    this.cues = cues;
    this.reporting = reporting;
  }

  /** The round number in {@code s[from, to)}, or null: a number right before the round's noun. */
  static Ordinals.Found ordinal(String s, int from, int to) {
    // A word scan instead of an alternation of ~300 ordinal words tried at every character.
    for (Ordinals.Found m = Ordinals.next(s, from, to); m != null; m = Ordinals.next(s, m.end(), to)) {
      int value = m.value();
      String after = s.substring(m.end(), to);
      if (value <= 0 || value > MAX_ROUND || !ORDINAL_NOUN.matcher(after).find()) {
        continue;
      }
      // "first" alone is too often "the first since ..." or "for the first time".
      if (m.spelled() && value == 1) {
        Matcher noun = FIRST_NOUN.matcher(after);
        // "their first dialogue in six years", "the first since 2019": first after a gap, not round one.
        if (!noun.find() || AFTER_A_GAP.matcher(after).region(noun.end(), after.length()).find()) {
          continue;
        }
      }
      return m;
    }
    int di = s.indexOf('第', from);
    Matcher z = di < 0 || di >= to ? null : ZH_ORDINAL.matcher(s).region(di, to);
    if (z != null && z.find()) {
      return new Ordinals.Found(z.start(), z.end(), Ordinals.zhValue(z.group(1)), !Character.isDigit(z.group(1).charAt(0)));
    }
    return null;
  }

  /** The previous and next rounds of the candidate's round (number {@code round}, may be null); evidence is added. */
  Neighbours neighbours(Article article, List<CuedSentence> cued, Candidate best, Integer round, List<Evidence> evidence) {
    // Sentences known to name no round number, shared by both look-ups.
    boolean[] noOrdinal = new boolean[cued.size()];
    RoundRef previous = neighbour(article, cued, best, round, true, noOrdinal, evidence);
    RoundRef next = neighbour(article, cued, best, round, false, noOrdinal, evidence);
    return new Neighbours(previous, next);
  }

  private RoundRef neighbour(Article article, List<CuedSentence> cued, Candidate best, Integer round, boolean previous,
                             boolean[] noOrdinal, List<Evidence> evidence) {
    String body = article.body();
    int block = best.anchor().block();
    // Sentences that are about the other round come first; a trailing "the first since 2019" in the event's own
    // sentence is a weaker source.
    List<CuedSentence> ordered = new ArrayList<>();
    cued.stream().filter(n -> previous ? n.prev() : n.next()).forEach(ordered::add);
    // Then "The 39th round was held in Chongqing" when this is the 40th: a lower ordinal is an earlier round, a
    // higher one a later round.
    if (round != null) {
      for (CuedSentence n : cued) {
        if (n == best.anchor() || n.block() != block && !n.anaphor() || ordered.contains(n)
            || (previous ? !n.held() : !(n.held() || n.announced()))) {
          continue;
        }
        int idx = n.s().index();
        Ordinals.Found r = noOrdinal[idx] ? null : ordinal(body, n.s().start(), n.s().end());
        noOrdinal[idx] = r == null;
        if (r != null && (previous ? r.value() < round : r.value() > round)) {
          DateAndCity found = dateAndCity(article, n, r.start(), previous);
          if (found != null) {
            evidence.addAll(found.evidence());
            return RoundRef.newBuilder().setDate(found.date()).setCity(found.city()).setRound(r.value()).build();
          }
        }
      }
    }
    cued.stream().filter(n -> !(previous ? n.prev() : n.next())).forEach(ordered::add);
    for (CuedSentence n : ordered) {
      // A closing "Last year's round was held in Berlin." may follow another briefing topic; it still names a round.
      boolean otherBlockButAboutARound = n.block() != block && (previous ? n.prev() : n.next()) && n.anaphor();
      if (n.block() != block && !otherBlockButAboutARound || n.refCue() < 0) {
        continue;
      }
      // Only the kind of reference asked for, and only from the cue on.
      Span m = cues.otherRoundCue(article.hits(), previous, n.s().start(), n.s().end());
      if (m == null) {
        continue;
      }
      // From the start of the cue's clause: Chinese puts date and place before it ("同意2025年在伯尔尼举行下一次对话").
      DateAndCity found = dateAndCity(article, n, clauseStart(body, n.s().start(), m.start()), previous);
      Ordinals.Found r = ordinal(body, n.s().start(), n.s().end());
      if (found == null && r == null) {
        continue;
      }
      if (found != null) {
        evidence.addAll(found.evidence());
      }
      return RoundRef.newBuilder().setDate(found == null ? null : found.date()).setCity(found == null ? null : found.city())
          .setRound(r == null ? null : r.value()).build();
    }
    return null;
  }

  /** The first date and the first known city from {@code from} to the end of sentence {@code n}, or null when neither. */
  private DateAndCity dateAndCity(Article article, CuedSentence n, int from, boolean previous) {
    String body = article.body();
    String field = previous ? "previousRound" : "nextRound";
    List<Evidence> evidence = new ArrayList<>(2);
    String date = null;
    for (Dates.DateMention d : article.dates().find(from, n.s().end(), !previous)) {
      if (!reporting.justBefore(body, n.s().start(), d.start()) && d.precision() != Dates.Precision.WEEK) {
        date = d.isoAtPrecision();
        evidence.add(Evidences.of(field, body, d.start(), d.end()));
        break;
      }
    }
    String city = null;
    for (NameFinder.Hit c : lex.cities(body, from, n.s().end())) {
      Lexicon.City known = lex.city(c.name());
      if (known != null) {
        city = known.name();
        evidence.add(Evidences.of(field, body, c.start(), c.end()));
        break;
      }
    }
    return date == null && city == null ? null : new DateAndCity(date, city, evidence);
  }

  private static int clauseStart(String body, int sentenceStart, int at) {
    for (int i = at - 1; i >= sentenceStart; i--) {
      char ch = body.charAt(i);
      if (ch == ',' || ch == '，' || ch == ';' || ch == '；' || ch == '：') {
        return i + 1;
      }
    }
    return sentenceStart;
  }
}
