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

  private static final Pattern ORDINAL_NOUN = Pattern.compile("(?i)^(?:[^.;]|(?<=\\p{Lu})\\.){0,60}?\\b(?:rounds?|dialogues?|consultations?|talks|sessions?|roundtables?|of (?:their|its) kind)\\b");
  /**
   * "the third strategic dialogue", "the 5th plenary session": the words between the number and the noun name another
   * series (a rights dialogue names its subject).
   */
  private static final Pattern OTHER_SERIES = Pattern.compile(
      "(?i)\\b(?:strategic|economic|legal|consular|security|trade|cyber|maritime|political|defen[cs]e|financial|plenary|military"
          + "|arms|climate|energy|people-to-people|high-level|2\\+2)\\b");
  /** A round noun of the Chinese ordinal: 第三轮中美战略与经济对话 is another series, 第二次叫停 is no round. */
  private static final Pattern ZH_ROUND_NOUN = Pattern.compile("^[^，。；,;]{0,14}?(?:对话|磋商|谘商|咨商|会谈|交流|会议)");
  /** "first" counts only right before the round's noun ("the first China-AU human rights dialogue"). */
  private static final Pattern FIRST_NOUN = Pattern.compile("(?i)^\\s+(?:[\\p{L}.-]+\\s+){0,4}?(?:rounds?|dialogues?|consultations?|sessions?|roundtables?)\\b");
  private static final Pattern AFTER_A_GAP = Pattern.compile(
      "(?i)^(?:\\s+[\\p{L}-]+){0,5}?\\s+(?:(?:in|for)\\s+(?:[\\w-]+\\s+){0,2}(?:years?|months?|decades?)\\b|since\\b)");
  private static final Pattern ZH_ORDINAL = Pattern.compile("第([0-9]{1,3}|[一二三四五六七八九十]{1,4})(?:次|轮|届)");
  private static final int MAX_ROUND = 200;
  /** After the round's noun: "since" right away ("the second session since ..."). */
  private static final Pattern SINCE_NEXT = Pattern.compile("(?i)^\\s+since\\b");
  private static final Pattern OTHER_ZH_SERIES = Pattern.compile("战略|经济|法律|领事|安全|人文|经贸|防务|军事|议会");

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
      Matcher noun = FIRST_NOUN.matcher(after);
      boolean nounNear = noun.find();
      // "the second session since Beijing agreed to resume": a count since a restart, not the series' number.
      if (nounNear && SINCE_NEXT.matcher(after).region(noun.end(), after.length()).lookingAt()) {
        continue;
      }
      // "the third strategic dialogue": a number of another series.
      if (nounNear && OTHER_SERIES.matcher(after).region(0, noun.end()).find() && !after.substring(0, noun.end()).contains("rights")) {
        continue;
      }
      // "first" alone is too often "the first since ..." or "for the first time".
      if (m.spelled() && value == 1) {
        // "their first dialogue in six years", "the first since 2019": first after a gap, not round one.
        if (!nounNear || AFTER_A_GAP.matcher(after).region(noun.end(), after.length()).find()) {
          continue;
        }
      }
      return m;
    }
    int di = s.indexOf('第', from);
    Matcher z = di < 0 || di >= to ? null : ZH_ORDINAL.matcher(s).region(di, to);
    while (z != null && z.find()) {
      // The series' noun must follow ("第二次叫停" counts no round), and not one of another series (第三轮中美战略与经济对话);
      // "人权对话第三十九轮" puts the noun before.
      Matcher noun = ZH_ROUND_NOUN.matcher(s).region(z.end(), to);
      boolean nounBefore = endsWithAny(s, z.start(), "对话", "磋商", "谘商", "咨商");
      boolean nounAfter = noun.lookingAt() && !(OTHER_ZH_SERIES.matcher(noun.group()).find() && !noun.group().contains("人权"));
      if (!nounBefore && !nounAfter) {
        continue;
      }
      return new Ordinals.Found(z.start(), z.end(), Ordinals.zhValue(z.group(1)), !Character.isDigit(z.group(1).charAt(0)));
    }
    return null;
  }

  private static boolean endsWithAny(String s, int at, String... words) {
    for (String w : words) {
      if (at >= w.length() && s.startsWith(w, at - w.length())) {
        return true;
      }
    }
    return false;
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
