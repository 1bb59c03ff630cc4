package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Hits;
import dev.wirewatch.classify.internal.match.Rule;
import dev.wirewatch.classify.internal.match.Span;
import dev.wirewatch.schema.Evidence;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the topics of a round (from its block) and the tone of the talks (from its cluster) as slugs. */
final class SlugReader {

  /** Topic and tone slugs, in text order. */
  record Slugs(List<String> topics, List<String> tone) {
  }

  /** A tone word found in a sentence. */
  private record ToneHit(Lexicon.Slug slug, Span span) {
  }

  private final Lexicon lex;

  SlugReader(Lexicon lexicon) {
    this.lex = lexicon;
  }

  /** The topic and tone rules, for the article's prefix index. */
  List<Rule> rules() {
    List<Rule> rules = new ArrayList<>();
    // Their words cost little in the pass every candidate article gets anyway, where a second pass over the
    // dialogue's block would walk most of the story again.
    lex.topics().forEach(t -> rules.add(t.rule()));
    lex.tones().forEach(t -> rules.add(t.rule()));
    return rules;
  }

  /** The candidate's topics and tone; evidence is added, topics first. */
  Slugs read(Article article, Candidate best, List<CuedSentence> cued, List<Evidence> evidence) {
    List<String> topics = topics(article, best, cued, evidence);
    List<String> tone = topics == null ? new ArrayList<>() : tone(article, best, evidence);
    return new Slugs(topics == null ? new ArrayList<>() : topics, tone);
  }

  /** One scan per topic over the block, keeping the first hit outside sentences about other rounds; null if no block. */
  private List<String> topics(Article article, Candidate best, List<CuedSentence> cued, List<Evidence> evidence) {
    int block = best.anchor().block();
    int from = Integer.MAX_VALUE;
    int to = -1;
    List<Span> excluded = new ArrayList<>();
    for (CuedSentence n : cued) {
      if (n.block() != block) {
        continue;
      }
      from = Math.min(from, n.s().start());
      to = Math.max(to, n.s().end());
      // Topics are what was said of this round: not of another round, nor of the series' history.
      if (n.aboutAnotherRound()) {
        excluded.add(new Span(n.s().start(), n.s().end()));
      }
    }
    if (to < 0) {
      return null;
    }
    Hits hits = article.hits();
    Map<String, Span> topicSpans = new LinkedHashMap<>();
    for (Lexicon.Slug slug : lex.topics()) {
      for (Span m : hits.in(slug.rule(), from, to)) {
        if (!inAny(excluded, m.start()) && !topicSpans.containsKey(slug.slug())) {
          topicSpans.put(slug.slug(), m);
          break;
        }
      }
    }
    List<Map.Entry<String, Span>> ordered = new ArrayList<>(topicSpans.entrySet());
    ordered.sort(Comparator.comparingInt(e -> e.getValue().start()));
    List<String> topics = new ArrayList<>();
    for (Map.Entry<String, Span> e : ordered) {
      topics.add(e.getKey());
      evidence.add(Evidences.of("topics", article.body(), e.getValue()));
    }
    return topics;
  }

  /** Tone words of the cluster; a word that is not {@code lone} counts only in a list of two or more. */
  private List<String> tone(Article article, Candidate best, List<Evidence> evidence) {
    Hits hits = article.hits();
    List<String> tone = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (CuedSentence n : best.cluster()) {
      List<ToneHit> found = new ArrayList<>();
      for (Lexicon.Slug slug : lex.tones()) {
        Span m = hits.first(slug.rule(), n.s().start(), n.s().end());
        if (m != null) {
          found.add(new ToneHit(slug, m));
        }
      }
      boolean list = found.size() >= 2;
      for (ToneHit h : found) {
        if ((h.slug().lone() || list) && seen.add(h.slug().slug())) {
          tone.add(h.slug().slug());
          evidence.add(Evidences.of("tone", article.body(), h.span()));
        }
      }
    }
    return tone;
  }

  private static boolean inAny(List<Span> spans, int at) {
    for (Span r : spans) {
      if (r.contains(at)) {
        return true;
      }
    }
    return false;
  }
}
