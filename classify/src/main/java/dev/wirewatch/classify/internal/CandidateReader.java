package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Hits;
import dev.wirewatch.classify.internal.match.Rule;
import dev.wirewatch.classify.internal.match.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Scores a sentence that names a dialogue as the report of a round: its status, counterpart, China as the other
 * party, a title on the topic, a co-chair, negative cues and the round's date, and drops rounds long past.
 */
final class CandidateReader {

  /** Score at which a candidate counts as a dialogue report; confidence 0.5 sits here. */
  static final double THRESHOLD = 4.5;
  /** A "held" round older than this, relative to the story, is background, not news. */
  private static final int MAX_AGE_DAYS = 60;
  /** An announced round older than this, relative to the story, is background too. */
  private static final int MAX_ANNOUNCED_AGE_DAYS = 7;
  /** Penalty for a round long past: it cannot reach the threshold on its cues alone. */
  private static final int OLD_ROUND = 6;
  /** Penalty for the only sentence naming a round when it stands outside the lead under an unrelated title. */
  private static final int PASSING_MENTION = 2;
  /** Sentences that make up an article's lead. */
  private static final int LEAD_SENTENCES = 3;
  /** Sentences a cluster holds at most. */
  private static final int MAX_CLUSTER = 10;
  private static final Pattern BILATERAL = Pattern.compile("(?i)\\b(?:the two (?:countries|sides|governments)|both (?:countries|sides)|bilateral)\\b|双方|两国");
  /** "a human rights dialogue that last met in 2018": the anchor itself names a past round. */
  private static final Pattern RELATIVE_TO_ANCHOR = Pattern.compile("^\\s*(?:,\\s*)?(?:(?:that|which)\\s+)?$");

  private final Lexicon lex;
  private final CueReader cues;
  private final DateReader dates;

  CandidateReader(Lexicon lexicon, CueReader cues, DateReader dates) {
    this.lex = lexicon;
    this.cues = cues;
    this.dates = dates;
  }

  /** The rules asked about every candidate, for the article's prefix index. */
  List<Rule> rules() {
    return List.of(China.RULE);
  }

  /** The best-scoring candidate of the article, or null when no sentence names a round. */
  Candidate best(Article article, List<CuedSentence> cued) {
    Candidate best = null;
    int naming = 0;
    for (CuedSentence c : cued) {
      naming += c.anchors().isEmpty() ? 0 : 1;
    }
    for (CuedSentence c : cued) {
      if (c.anchors().isEmpty() || c.aboutAnotherRound()) {
        continue;
      }
      Candidate cand = candidate(article, c, cued, naming == 1, best == null ? Double.NEGATIVE_INFINITY : best.score());
      if (cand != null && (best == null || cand.score() > best.score())) {
        best = cand;
      }
    }
    return best;
  }

  /** Confidence of a score: 0.5 at {@link #THRESHOLD}. */
  static double confidence(double score) {
    return 1.0 / (1.0 + Math.exp(-2.0 * (score - THRESHOLD)));
  }

  /**
   * The candidate of sentence {@code c} ({@code onlyMention}: no other sentence names a dialogue), or null when it is no report of a round or cannot beat {@code scoreToBeat}. */
  private Candidate candidate(Article article, CuedSentence c, List<CuedSentence> all, boolean onlyMention, double scoreToBeat) {
    String body = article.body();
    Hits hits = article.hits();
    List<CuedSentence> cluster = cluster(c, all);
    Anchor anchor = c.anchors().get(0);
    double score = anchor.named() ? 0 : -1;
    if (c.refCue() > anchor.span().end() && c.refCue() - anchor.span().end() < 20) {
      Span previous = cues.previousCue(body, article.lower(), c.refCue(), c.s().end());
      if (previous != null && previous.start() == c.refCue()
          && RELATIVE_TO_ANCHOR.matcher(body.substring(anchor.span().end(), c.refCue())).find()) {
        return null;
      }
    }

    StatusCue status = c.status();
    if (status != null && c.modal() && !status.calledOff()) {
      // "would like the dialogue to resume": a wish for a round presupposes none is running; what the next
      // sentences say of it ("on hold since March") is its status.
      for (CuedSentence n : cluster) {
        if (n != c && n.status() != null && n.status().calledOff()) {
          status = n.status();
          break;
        }
      }
    }
    if (status != null) {
      score += 3;
    } else {
      for (CuedSentence n : cluster) {
        if (n.status() != null) {
          status = n.status();
          score += 2;
          break;
        }
      }
      if (c.modal()) {
        score -= 2;
      }
    }
    if (status == null) {
      return null;
    }

    // Counterpart: nearest to the anchor in its sentence, else the title, else the cluster, else the block.
    Span cpSpan = nearestCounterpart(body, c.s().start(), c.refCue() >= 0 ? c.refCue() : c.s().end(), anchor.span().start());
    String counterpart = cpSpan == null ? null : lex.counterpartCode(cpSpan.of(body));
    if (counterpart != null) {
      score += 2;
    } else {
      String inTitle = lex.firstCounterpart(article.title());
      if (inTitle != null) {
        counterpart = inTitle;
        score += 1;
      } else {
        for (CuedSentence n : cluster) {
          cpSpan = nearestCounterpart(body, n.s().start(), n.s().end(), n.s().start());
          if (cpSpan != null) {
            counterpart = lex.counterpartCode(cpSpan.of(body));
            score += 1;
            break;
          }
        }
      }
    }
    if (counterpart == null || !chinaTakesPart(article, c) && !pairForm(cpSpan == null ? null : cpSpan.of(body))) {
      return null;
    }

    if (article.titleOnTopic()) {
      score += 1;
    }
    for (CuedSentence n : cluster) {
      if (n.held() && n.s().text().toLowerCase(Locale.ROOT).contains("chair") || n.s().text().contains("共同主持")) {
        score += 1;
        break;
      }
    }
    score -= c.negative();
    // A round named once, after the lead (its first sentences, a standfirst included), under a title about something else is a passing mention in a story on
    // another subject (a strategic dialogue, a visit, sanctions), not the news.
    if (onlyMention && c.s().index() >= LEAD_SENTENCES && !article.titleOnTopic()) {
      score -= PASSING_MENTION;
    }
    // The date adds at most one point: a candidate that cannot beat the best so far is not worth dating.
    if (score + 1 <= scoreToBeat) {
      return null;
    }
    Dates.DateMention date = dates.eventDate(article, cluster, status, anchor.span().start());
    if (date != null) {
      score += 1;
      if (old(date, status, article)) {
        score -= OLD_ROUND;
      }
    }
    return new Candidate(c, cluster, score, status, counterpart, cpSpan, date);
  }

  /** The sentence and the following ones of its block that refer back to it. */
  private static List<CuedSentence> cluster(CuedSentence c, List<CuedSentence> all) {
    List<CuedSentence> cluster = new ArrayList<>();
    cluster.add(c);
    for (int i = c.s().index() + 1; i < all.size() && cluster.size() < MAX_CLUSTER; i++) {
      CuedSentence n = all.get(i);
      if (n.block() != c.block()) {
        break;
      }
      if (!n.prev() && !n.next() && !n.background() && n.anaphor()) {
        cluster.add(n);
      }
    }
    return cluster;
  }

  /** China must be a party: named in the sentence, the title or the paragraph. */
  private static boolean chinaTakesPart(Article article, CuedSentence c) {
    Hits hits = article.hits();
    Text.Paragraph para = article.text().paragraphs().get(c.s().paragraph());
    // A briefing paragraph may say only "the two countries held ..." when China is named elsewhere in the story.
    return hits.first(China.RULE, c.s().start(), c.s().end()) != null || article.chinaInTitle()
        || hits.first(China.RULE, para.start(), para.end()) != null
        || BILATERAL.matcher(c.s().text()).find() && hits.first(China.RULE, 0, article.body().length()) != null;
  }

  /** Whether a counterpart's name is a Chinese pair form ("中澳", "美中"): it names China as the other party. */
  static boolean pairForm(String name) {
    return name != null && name.length() >= 2 && (name.charAt(0) == '中' || name.charAt(1) == '中') && Character.UnicodeScript.of(name.charAt(1)) == Character.UnicodeScript.HAN;
  }

  /** Whether a held round (or an announced one) dated {@code date} lies too far before the story to be its news. */
  private static boolean old(Dates.DateMention date, StatusCue status, Article article) {
    if (article.ref() == null) {
      return false;
    }
    return "HELD".equals(status.kind()) && date.to().isBefore(article.ref().minusDays(MAX_AGE_DAYS))
        || "ANNOUNCED".equals(status.kind()) && date.to().isBefore(article.ref().minusDays(MAX_ANNOUNCED_AGE_DAYS));
  }

  private Span nearestCounterpart(String body, int from, int to, int anchorAt) {
    Span best = null;
    int bestDist = Integer.MAX_VALUE;
    for (NameFinder.Hit h : lex.counterparts(body, from, to)) {
      int dist = Math.abs(h.start() - anchorAt);
      if (dist < bestDist) {
        bestDist = dist;
        best = new Span(h.start(), h.end());
      }
    }
    return best;
  }
}
