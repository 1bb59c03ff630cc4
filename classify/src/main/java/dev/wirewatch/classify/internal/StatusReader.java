package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Hits;
import dev.wirewatch.classify.internal.match.Rule;
import dev.wirewatch.classify.internal.match.Span;
import java.util.ArrayList;
import java.util.List;

/** Reads what happened to a round (held, announced, postponed, cancelled, suspended) from the status cues. */
final class StatusReader {

  /** Status kinds, most specific first. */
  static final List<String> KINDS = List.of("POSTPONED", "CANCELLED", "SUSPENDED", "ANNOUNCED", "HELD");
  /** How far before a status word a demand or hope still governs it. */
  private static final int IRREALIS_REACH = 60;
  /** The same for a held or announced round, whose verb a demand governs only from close by ("hopes to hold"). */
  private static final int IRREALIS_REACH_HELD = 20;
  private static final List<String> BEFORE_DATE = List.of("HELD", "ANNOUNCED", "POSTPONED");

  private final Rule resume;
  private final Rule irrealis;
  /** Rules of {@link #KINDS}, same order. */
  private final List<Rule> rules;
  /** Rules of {@link #BEFORE_DATE}. */
  private final List<Rule> beforeDateRules;

  StatusReader(Lexicon lexicon) {
    this.resume = lexicon.rule("resume");
    this.irrealis = lexicon.rule("irrealis");
    this.rules = KINDS.stream().map(lexicon::rule).toList();
    this.beforeDateRules = BEFORE_DATE.stream().map(lexicon::rule).toList();
  }

  /** The rules asked about every sentence, for the article's prefix index. */
  List<Rule> rules() {
    List<Rule> all = new ArrayList<>(rules);
    all.add(irrealis);
    return all;
  }

  /**
   * The status cue in {@code body[from, limit)} (limit: where a previous/next-round cue starts), most specific kind
   * first, or null.
   */
  StatusCue read(String body, String lower, Hits hits, int from, int limit, int sentenceEnd) {
    Span resumeCue = hits.first(resume, from, limit);
    // "hopes the talks resume soon", "希望早日恢复": a hoped-for resumption does not end a suspension.
    boolean resumed = resumeCue != null && hits.first(irrealis, Math.max(from, resumeCue.start() - IRREALIS_REACH_HELD), resumeCue.start()) == null;
    for (int k = 0; k < KINDS.size(); k++) {
      String kind = KINDS.get(k);
      if (kind.equals("SUSPENDED") && resumed) {
        continue;
      }
      for (Span m : hits.in(rules.get(k), from, limit)) {
        // "the first meeting since the pandemic halted exchanges": a since-clause is background.
        if (!kind.equals("HELD") && (inSinceClause(body, lower, from, m.start()) || inAfterClause(body, lower, from, m.start()))) {
          continue;
        }
        // "urged Brussels to suspend the talks", "希望…能够举行": a status under a demand, hope or question is no decision.
        int reach = kind.equals("HELD") || kind.equals("ANNOUNCED") ? IRREALIS_REACH_HELD : IRREALIS_REACH;
        if (hits.first(irrealis, Math.max(from, m.start() - reach), m.start()) != null) {
          continue;
        }
        // "agreed to hold the next round": the announcement belongs to the next round.
        if (kind.equals("ANNOUNCED") && limit < sentenceEnd && m.end() > limit - 30) {
          continue;
        }
        return new StatusCue(kind, m);
      }
    }
    return null;
  }

  /** Whether a held, announced or postponed cue stands in the 40 characters before {@code at} ("was held on"). */
  boolean justBefore(String body, String bodyLower, int sentenceStart, int at) {
    int from = Math.max(sentenceStart, at - 40);
    String window = body.substring(from, at);
    String lower = bodyLower.substring(from, at);
    for (Rule rule : beforeDateRules) {
      if (rule.find(window, lower, 0, window.length()) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * "a year after Beijing postponed a round", "had been in doubt after China called off the summit": a call-off told in
   * an after/before/when clause is the background of the sentence, not what happened to the round it reports.
   */
  private static boolean inAfterClause(String body, String lower, int sentenceStart, int at) {
    int clause = Math.max(lower.lastIndexOf(" after ", at), Math.max(lower.lastIndexOf(" before ", at), lower.lastIndexOf(" when ", at)));
    if (clause < sentenceStart || at - clause > 50) {
      return false;
    }
    String between = body.substring(clause, at);
    return between.indexOf(',') < 0 && between.indexOf(';') < 0;
  }

  private static boolean inSinceClause(String body, String lower, int sentenceStart, int at) {
    int since = lower.lastIndexOf("since ", at);
    if (since < sentenceStart || at - since > 80) {
      return false;
    }
    String between = body.substring(since, at);
    return between.indexOf(',') < 0 && between.indexOf(';') < 0;
  }
}
