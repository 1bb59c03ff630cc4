package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Gate;
import dev.wirewatch.classify.internal.match.Hits;
import dev.wirewatch.classify.internal.match.Rule;
import dev.wirewatch.classify.internal.match.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the sentences that may report a round: for every sentence, whether and where it names a dialogue, its status
 * cue, whether it is about a previous or next round or background, and the cues that weigh against it.
 */
final class CueReader {

  private static final Pattern WEAK_ANCHOR = Pattern.compile("(?i)\\b(?:dialogues?|consultations?)\\b|对话|磋商|谘商|咨商");
  /** Words after which a near-miss topic ("sanctions") is a topic or the reason of the talks, not their subject. */
  private static final Pattern TOPIC_INTRO = Pattern.compile(
      "(?i)\\b(?:discuss(?:ed|ing)?|exchanged views on|exchange views on|covered|focused on|touched on|talked about|opposition to|opposed|raised"
          + "|citing|because of|due to|in response to|in retaliation for|in protest (?:at|against))\\b");
  // The same patterns as gated rules: tried only where their start words occur.
  private static final Rule WEAK_ANCHOR_RULE = new Rule(WEAK_ANCHOR);
  private static final Rule TOPIC_INTRO_RULE = new Rule(TOPIC_INTRO);

  private final Lexicon lex;
  private final StatusReader status;
  private final Rule anchorRule;
  private final Rule prevRule;
  private final Rule nextRule;
  private final Rule modalRule;
  private final Rule backgroundRule;
  private final Rule anaphorRule;
  private final Rule heldRule;
  private final Rule announcedRule;

  CueReader(Lexicon lexicon, StatusReader status) {
    this.lex = lexicon;
    this.status = status;
    this.anchorRule = lexicon.rule("anchor");
    this.prevRule = lexicon.rule("prevround");
    this.nextRule = lexicon.rule("nextround");
    this.modalRule = lexicon.rule("modal");
    this.backgroundRule = lexicon.rule("background");
    this.anaphorRule = lexicon.rule("anaphor");
    this.heldRule = lexicon.rule("HELD");
    this.announcedRule = lexicon.rule("ANNOUNCED");
  }

  /** The rules asked about every sentence, for the article's prefix index. */
  List<Rule> rules() {
    List<Rule> rules = new ArrayList<>(List.of(anchorRule, prevRule, nextRule, lex.rule("resume"), modalRule, backgroundRule,
        anaphorRule, heldRule, announcedRule, WEAK_ANCHOR_RULE, TOPIC_INTRO_RULE));
    rules.addAll(status.rules());
    lex.negatives().forEach(n -> rules.add(n.rule()));
    return rules;
  }

  /**
   * Cheap literal gate: every anchor needs "human right"/"人权" and a dialogue word somewhere in title or body; asked
   * of the text as written, so traditional forms (人權, 對話, 諮商) count too.
   */
  static boolean mayReportADialogue(String title, String body) {
    boolean rights = containsHumanRight(title) || containsHumanRight(body) || title.contains("人权") || body.contains("人权")
        || title.contains("人權") || body.contains("人權");
    return rights && (hasDialogueWord(title) || hasDialogueWord(body));
  }

  private static boolean containsHumanRight(String s) {
    // Search the rarely capitalised middle of the word, then check the whole phrase ignoring case.
    for (String probe : List.of("uman", "UMAN")) {
      int i = s.indexOf(probe);
      while (i > 0) {
        if (s.regionMatches(true, i - 1, "human right", 0, 11) || s.regionMatches(true, i - 1, "human-right", 0, 11)) {
          return true;
        }
        i = s.indexOf(probe, i + 1);
      }
    }
    return false;
  }

  private static boolean hasDialogueWord(String s) {
    return s.contains("ialog") || s.contains("onsult") || s.contains("alks") || s.contains("IALOG") || s.contains("ONSULT")
        || s.contains("ALKS") || s.contains("对话") || s.contains("磋商") || s.contains("對話") || s.contains("諮商")
        || s.contains("谘商") || s.contains("咨商") || s.contains("ound table") || s.contains("oundtable") || s.contains("OUNDTABLE")
        || s.contains("ound-table");
  }

  /** Whether the title names a dialogue. */
  boolean anchorsInTitle(String title) {
    return anchorRule.find(title, Gate.lower(title), 0, title.length()) != null;
  }

  /** The first previous-round cue at or after {@code from} in the body, or null. */
  Span previousCue(String body, String lower, int from, int to) {
    return prevRule.find(body, lower, from, to);
  }

  /** The first previous- or next-round cue in {@code [from, to)}, or null. */
  Span otherRoundCue(Hits hits, boolean previous, int from, int to) {
    return hits.first(previous ? prevRule : nextRule, from, to);
  }

  /** Every sentence of the article with its cues; weak anchors count when {@code titleAnchor}. */
  List<CuedSentence> read(Text text, boolean titleAnchor, Hits hits) {
    List<CuedSentence> out = new ArrayList<>();
    String lower = text.lower();
    String body = text.body();
    int block = 0;
    int lastParagraph = -1;
    for (Text.Sentence s : text.sentences()) {
      if (s.paragraph() != lastParagraph) {
        Text.Paragraph p = text.paragraphs().get(s.paragraph());
        if (lastParagraph >= 0 && opensNewTopic(p, body)) {
          block++;
        }
        lastParagraph = s.paragraph();
      }
      int from = s.start();
      int to = s.end();
      List<Anchor> anchors = new ArrayList<>();
      for (Span a : hits.in(anchorRule, from, to)) {
        // "the West's human rights dialogues": the plural names the mechanism in general, not a round of it.
        anchors.add(new Anchor(a, !lower.startsWith("dialogues", a.end() - "dialogues".length())));
      }
      if (anchors.isEmpty() && titleAnchor) {
        Span w = hits.first(WEAK_ANCHOR_RULE, from, to);
        if (w != null) {
          anchors.add(new Anchor(w, false));
        }
      }
      int prevAt = relative(hits.first(prevRule, from, to), from);
      int nextAt = relative(hits.first(nextRule, from, to), from);
      int refCue = Math.min(prevAt < 0 ? Integer.MAX_VALUE : prevAt, nextAt < 0 ? Integer.MAX_VALUE : nextAt);
      StatusCue cue = status.read(body, lower, hits, from, refCue == Integer.MAX_VALUE ? to : from + refCue, to);
      int firstStatus = cue == null ? Integer.MAX_VALUE : cue.span().start() - from;
      // The sentence is about another round when the previous/next cue comes before anything happens in it.
      boolean isRef = refCue != Integer.MAX_VALUE && refCue <= firstStatus;
      boolean prev = isRef && prevAt >= 0 && prevAt == refCue;
      boolean next = isRef && !prev;
      int negative = anchors.isEmpty() ? 0 : negativeWeight(hits, from, to);
      if (cue != null && !cue.kind().equals("HELD") && !cue.kind().equals("ANNOUNCED")) {
        // "called off the dialogue, citing sanctions": next to a cancellation the other topic is its reason, not
        // the subject, so it weighs half.
        negative /= 2;
      }
      boolean modal = !anchors.isEmpty() && hits.first(modalRule, from, to) != null;
      boolean background = hits.first(backgroundRule, from, to) != null;
      boolean anaphor = hits.first(anaphorRule, from, to) != null;
      boolean held = hits.first(heldRule, from, to) != null;
      boolean announced = hits.first(announcedRule, from, to) != null;
      out.add(new CuedSentence(s, anchors, refCue == Integer.MAX_VALUE ? -1 : s.start() + refCue, prev, next, background, negative,
          modal, cue, block, anaphor, held, announced));
    }
    return out;
  }

  /** Negative cues and modality count only for a sentence that names the dialogue (a candidate). */
  private int negativeWeight(Hits hits, int from, int to) {
    int negative = 0;
    for (int i = 0; i < lex.negatives().size(); i++) {
      Span hit = hits.first(lex.negatives().get(i).rule(), from, to);
      // "discussing ... their opposition to sanctions": a negative word that is a topic of the talks is not
      // what the sentence is about.
      if (hit != null && hits.first(TOPIC_INTRO_RULE, from, hit.start()) == null) {
        negative += lex.negativeWeight(i);
      }
    }
    return negative;
  }

  /** Whether a paragraph opens with a topic switch ("Asked about ...", "问："). */
  private boolean opensNewTopic(Text.Paragraph p, String body) {
    Matcher m = lex.cue("topicswitch").matcher(body).region(p.start(), p.end());
    // The cue is anchored at a line start: only the paragraph's start can match, unless the paragraph holds a line
    // terminator other than '\n' (those end paragraphs), where a full search is needed.
    for (int i = p.start(); i < p.end(); i++) {
      char c = body.charAt(i);
      if (c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
        return m.find();
      }
    }
    return m.lookingAt();
  }

  private static int relative(Span span, int from) {
    return span == null ? -1 : span.start() - from;
  }
}
