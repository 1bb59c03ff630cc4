package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.ArticleInput;
import dev.wirewatch.classify.Verdict;
import dev.wirewatch.schema.CoChair;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.Evidence;
import dev.wirewatch.schema.Location;
import dev.wirewatch.schema.Mention;
import dev.wirewatch.schema.RoundRef;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule engine behind {@code DialogueClassifier}: finds the sentences that name a human-rights dialogue,
 * scores each as the report of a round, and reads the fields of the best one. Stateless apart from the
 * immutable {@link Lexicon}; safe to share between threads.
 */
public final class Extractor {

  /** Wire times are Beijing time. */
  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  /** Score at which a candidate counts as a dialogue report; confidence 0.5 sits here. */
  static final double THRESHOLD = 4.5;
  /** A "held" round older than this, relative to the story, is background, not news. */
  private static final int MAX_AGE_DAYS = 60;

  private static final String MONTHS = "(January|February|March|April|May|June|July|August|September|October|November|December"
      + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?";
  private static final Pattern DATELINE = Pattern.compile(
      "^\\s*(\\p{Lu}[\\p{L} .,'’-]{1,40}?),\\s*" + MONTHS + "\\s+(\\d{1,2})(?!\\d)");
  private static final Pattern ZH_DATELINE = Pattern.compile("^\\s*(?:新华社|中新社|中新网)?(\\p{IsHan}{2,4}?)(\\d{1,2})月(\\d{1,2})日电");
  private static final Pattern CHINA = Pattern.compile("\\bChin(?:a|ese|a's)\\b|\\bSino-|\\bBeijing\\b|中国|中方|我国|中\\p{IsHan}?人权");
  private static final Pattern ORDINAL_NOUN = Pattern.compile("(?i)^(?:[^.;]|(?<=\\p{Lu})\\.){0,60}?\\b(?:rounds?|dialogues?|consultations?|talks|sessions?|of (?:their|its) kind)\\b");
  /** "first" counts only right before the round's noun ("the first China-AU human rights dialogue"). */
  private static final Pattern FIRST_NOUN = Pattern.compile("(?i)^\\s+(?:[\\p{L}.-]+\\s+){0,4}?(?:rounds?|dialogues?|consultations?|sessions?)\\b");
  private static final Pattern AFTER_A_GAP = Pattern.compile(
      "(?i)^(?:\\s+[\\p{L}-]+){0,3}?\\s+(?:(?:in|for)\\s+(?:[\\w-]+\\s+){0,2}(?:years?|months?|decades?)\\b|since\\b)");
  private static final Pattern ZH_ORDINAL = Pattern.compile("第([0-9]{1,3}|[一二三四五六七八九十]{1,4})(?:次|轮|届)");
  private static final Pattern IN_BEFORE = Pattern.compile("(?i)(?:\\bin|\\bat|\\bto|在|于|赴)(?:\\s+(?:the\\s+)?(?:[\\w-]+\\s+){0,3}?(?:of\\s+)?)?\\s*$");
  private static final Pattern PLACE_COUNTRY = Pattern.compile(
      "\\bin\\s+(\\p{Lu}\\p{L}+(?:[\\s-]\\p{Lu}\\p{L}+){0,2}),\\s+(?:(?:north|south|east|west|central|northeast|northwest|southeast|southwest)(?:ern)?\\s+)?"
          + "(\\p{Lu}\\p{L}+(?:\\s\\p{Lu}\\p{L}+)*)");
  private static final Pattern DATELINE_PREFIX = Pattern.compile(
      "^\\s*(?:[^\\n]{0,80}?\\((?:Xinhua|ECNS|Reuters|AP|AFP|CNS|Chinanews|Global Times|China Daily)\\)\\s*[-—–]+|\\p{Lu}[\\p{Lu} .,'’-]{1,40},\\s*"
          + MONTHS + "\\s+\\d{1,2}\\s*[-—–]+|(?:新华社|中新社|中新网)\\p{IsHan}{0,6}\\d{1,2}月\\d{1,2}日电(?:（[^）]{0,20}）)?)");
  private static final Pattern HERE = Pattern.compile("\\bhere\\b");
  private static final Pattern BILATERAL = Pattern.compile("(?i)\\b(?:the two (?:countries|sides|governments)|both (?:countries|sides)|bilateral)\\b|双方|两国");
  /** A verb that opens or ends a meeting, right before the date it happened on. */
  private static final Pattern OPEN_VERB = Pattern.compile("(?i)\\b(?:opened|began|started|kicked off|got under way|got underway)\\b[^.;]{0,90}$|开幕|开始");
  private static final Pattern END_VERB = Pattern.compile(
      "(?i)\\b(?:concluded|ended|closed|wrapped up|came to a close|came to an end|finished)\\b[^.;]{0,90}$|结束|闭幕");
  /** "two-day talks", "after two days of", "为期两天": the length of a meeting. */
  private static final Pattern DURATION = Pattern.compile(
      "(?i)\\b(two|three|four|five|2|3|4|5)[- ]day\\b|\\b(two|three|four|five) days of\\b|为期(两|二|三|四|五)天");
  /** "in the Egyptian city of Sharm El-Sheikh": a place not in the city list, with its country from the demonym. */
  private static final Pattern CITY_OF = Pattern.compile(
      "\\bin\\s+the\\s+(\\p{Lu}\\p{L}+)\\s+(?:(?:resort|port|coastal|border|capital|northern|southern|eastern|western)\\s+)?(?:city|town)\\s+of\\s+(\\p{Lu}[\\p{L}'’]*(?:[\\s-]\\p{Lu}[\\p{L}'’]*){0,2})");
  /** Words after which a near-miss topic ("sanctions") is a topic or the reason of the talks, not their subject. */
  private static final Pattern TOPIC_INTRO = Pattern.compile(
      "(?i)\\b(?:discuss(?:ed|ing)?|exchanged views on|exchange views on|covered|focused on|touched on|talked about|opposition to|opposed|raised"
          + "|citing|because of|due to|in response to|in retaliation for|in protest (?:at|against))\\b");
  /** "a human rights dialogue that last met in 2018": the anchor itself names a past round. */
  private static final Pattern RELATIVE_TO_ANCHOR = Pattern.compile("^\\s*(?:,\\s*)?(?:(?:that|which)\\s+)?$");
  /** A place right after these is where a mission sits, not where a round met. */
  private static final Pattern MISSION_IN = Pattern.compile("(?i)\\b(?:embassy|consulate|consulate-general|mission|ambassador)\\s+(?:in|to)\\s+(?:the\\s+)?$");
  /** Status kinds, most specific first. */
  private static final List<String> STATUS_KINDS = List.of("POSTPONED", "CANCELLED", "SUSPENDED", "ANNOUNCED", "HELD");
  private static final List<String> STATUS_BEFORE_DATE = List.of("HELD", "ANNOUNCED", "POSTPONED");
  private static final Pattern WEAK_ANCHOR = Pattern.compile("(?i)\\b(?:dialogues?|consultations?)\\b|对话|磋商");
  // The same patterns as gated rules: tried only where their start words occur.
  private static final Rule WEAK_ANCHOR_RULE = new Rule(WEAK_ANCHOR);
  private static final Rule TOPIC_INTRO_RULE = new Rule(TOPIC_INTRO);
  private static final Rule CHINA_RULE = new Rule(CHINA);
  private static final Rule OPEN_VERB_RULE = new Rule(OPEN_VERB);
  private static final Rule END_VERB_RULE = new Rule(END_VERB);
  private static final Pattern TITLE_HR = Pattern.compile("(?i)human rights|人权");

  private final Lexicon lex;
  private final CoChairs coChairs;
  private final Rule anchorRule;
  private final Rule prevRule;
  private final Rule nextRule;
  private final Rule resumeRule;
  private final Rule modalRule;
  private final Rule backgroundRule;
  private final Rule anaphorRule;
  private final Rule heldRule;
  private final Rule announcedRule;
  /** Start words of every rule asked about a sentence, found in one pass per article. */
  private final PrefixIndex prefixIndex;
  /** Rules of {@link #STATUS_KINDS}, same order. */
  private final List<Rule> statusRules;
  /** Rules of {@link #STATUS_BEFORE_DATE}. */
  private final List<Rule> statusBeforeDateRules;

  public Extractor(Lexicon lexicon) {
    this.lex = lexicon;
    this.coChairs = new CoChairs(lexicon);
    this.anchorRule = lexicon.rule("anchor");
    this.prevRule = lexicon.rule("prevround");
    this.nextRule = lexicon.rule("nextround");
    this.resumeRule = lexicon.rule("resume");
    this.modalRule = lexicon.rule("modal");
    this.backgroundRule = lexicon.rule("background");
    this.anaphorRule = lexicon.rule("anaphor");
    this.heldRule = lexicon.rule("HELD");
    this.announcedRule = lexicon.rule("ANNOUNCED");
    this.statusRules = STATUS_KINDS.stream().map(lexicon::rule).toList();
    this.statusBeforeDateRules = STATUS_BEFORE_DATE.stream().map(lexicon::rule).toList();
    List<Rule> indexed = new ArrayList<>(List.of(anchorRule, prevRule, nextRule, resumeRule, modalRule, backgroundRule, anaphorRule,
        heldRule, announcedRule, WEAK_ANCHOR_RULE, TOPIC_INTRO_RULE, CHINA_RULE));
    indexed.addAll(statusRules);
    lexicon.negatives().forEach(n -> indexed.add(n.rule()));
    // Topics and tone too: their words cost little in the pass every candidate article gets anyway, where a second
    // pass over the dialogue's block would walk most of the story again.
    lexicon.topics().forEach(t -> indexed.add(t.rule()));
    lexicon.tones().forEach(t -> indexed.add(t.rule()));
    this.prefixIndex = new PrefixIndex(indexed);
  }

  /** A sentence with the cues found in it. */
  private record Cued(Text.Sentence s, List<int[]> anchors, int refCue, boolean prev, boolean next, boolean background,
                      int negative, boolean modal, String status, int[] statusSpan, int block, boolean anaphor, boolean held,
                      boolean announced) {
  }

  /** Date expressions of one article by span and tense, found once: candidates share their cluster sentences. */
  private static final class DateCache {
    private final String body;
    private final String lower;
    private final LocalDate ref;
    private final Map<Long, List<Dates.DateMention>> found = new java.util.HashMap<>();

    DateCache(String body, String lower, LocalDate ref) {
      this.body = body;
      this.lower = lower;
      this.ref = ref;
    }

    List<Dates.DateMention> find(int from, int to, boolean future) {
      long key = ((long) from << 32 | (long) to << 1) ^ (future ? 1L : 0L);
      return found.computeIfAbsent(key, k -> Dates.find(body, lower, from, to, ref, future));
    }
  }

  private record Candidate(Cued anchor, List<Cued> cluster, double score, String status, int[] statusSpan,
                           String counterpart, int[] counterpartSpan, Dates.DateMention date, boolean old) {
  }

  /** Classifies one article. */
  public Verdict classify(ArticleInput in, String version) {
    String body = in.text() == null ? "" : in.text();
    String title = in.title() == null ? "" : in.title();
    if (!mayReportADialogue(title, body)) {
      // Most wire copy never says "human rights" and a dialogue word: reject it with two substring scans.
      return new Verdict(in.id(), false, 0.01, version, null);
    }
    Text text = Text.of(body);
    LocalDate published = publishedDay(in.publishedAt());
    Dateline dateline = dateline(in.dateline(), body, published);
    LocalDate ref = dateline.date() != null ? dateline.date() : published;

    Matcher prefix = DATELINE_PREFIX.matcher(body);
    // Anchored at the start of the body: lookingAt, not a find that would try every position.
    int datelineEnd = prefix.lookingAt() ? prefix.end() : 0;
    boolean titleAnchor = anchorsInTitle(title);
    Hits hits = new Hits(body, text.lower(), prefixIndex);
    List<Cued> cued = cue(text, titleAnchor, hits);
    // Worked out once per article, not once per candidate sentence.
    boolean titleScore = TITLE_HR.matcher(title).find() && (titleAnchor || firstCounterpart(title) != null);
    DateCache dates = new DateCache(body, text.lower(), ref);
    boolean chinaInTitle = CHINA.matcher(title).find();
    Candidate best = null;
    for (Cued c : cued) {
      if (c.anchors().isEmpty() || c.prev() || c.next() || c.background()) {
        continue;
      }
      Candidate cand = candidate(c, cued, text, title, titleScore, chinaInTitle, dates, hits, ref, datelineEnd,
          best == null ? Double.NEGATIVE_INFINITY : best.score());
      if (cand != null && (best == null || cand.score() > best.score())) {
        best = cand;
      }
    }
    if (best == null || best.score() < THRESHOLD) {
      double confidence = best == null ? 0.02 : confidence(best.score());
      return new Verdict(in.id(), false, round3(Math.min(confidence, 0.49)), version, null);
    }
    DialogueEvent event = fields(in, text, title, best, cued, ref, dateline, version, datelineEnd, dates, hits);
    return new Verdict(in.id(), true, event.getConfidence(), version, event);
  }

  /** Cheap literal gate: every anchor needs "human right"/"人权" and a dialogue word somewhere in title or body. */
  static boolean mayReportADialogue(String title, String body) {
    boolean rights = containsHumanRight(title) || containsHumanRight(body) || title.contains("人权") || body.contains("人权");
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
        || s.contains("ALKS") || s.contains("对话") || s.contains("磋商");
  }

  // ---------------------------------------------------------------- cueing

  private boolean anchorsInTitle(String title) {
    return anchorRule.find(title, Gate.lower(title), 0, title.length()) != null;
  }

  private List<Cued> cue(Text text, boolean titleAnchor, Hits hits) {
    List<Cued> out = new ArrayList<>();
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
      String t = s.text();
      int from = s.start();
      int to = s.end();
      List<int[]> anchors = new ArrayList<>();
      for (int[] a : hits.in(anchorRule, from, to)) {
        anchors.add(new int[] {a[0], a[1], 1});
      }
      if (anchors.isEmpty() && titleAnchor) {
        int[] w = hits.first(WEAK_ANCHOR_RULE, from, to);
        if (w != null) {
          anchors.add(new int[] {w[0], w[1], 0});
        }
      }
      int prevAt = relative(hits.first(prevRule, from, to), from);
      int nextAt = relative(hits.first(nextRule, from, to), from);
      int refCue = Math.min(prevAt < 0 ? Integer.MAX_VALUE : prevAt, nextAt < 0 ? Integer.MAX_VALUE : nextAt);
      String[] status = new String[1];
      int[] span = status(body, lower, hits, from, refCue == Integer.MAX_VALUE ? to : from + refCue, to, status);
      int firstStatus = span == null ? Integer.MAX_VALUE : span[0] - from;
      // The sentence is about another round when the previous/next cue comes before anything happens in it.
      boolean isRef = refCue != Integer.MAX_VALUE && refCue <= firstStatus;
      boolean prev = isRef && prevAt >= 0 && prevAt == refCue;
      boolean next = isRef && !prev;
      int negative = 0;
      // Negative cues and modality count only for a sentence that names the dialogue (a candidate).
      for (int i = 0; !anchors.isEmpty() && i < lex.negatives().size(); i++) {
        Lexicon.Slug neg = lex.negatives().get(i);
        int[] hit = hits.first(neg.rule(), from, to);
        // "discussing ... their opposition to sanctions": a negative word that is a topic of the talks is not
        // what the sentence is about.
        if (hit != null && hits.first(TOPIC_INTRO_RULE, from, hit[0]) == null) {
          negative += lex.negativeWeight(i);
        }
      }
      if (status[0] != null && !status[0].equals("HELD") && !status[0].equals("ANNOUNCED")) {
        // "called off the dialogue, citing sanctions": next to a cancellation the other topic is its reason, not
        // the subject, so it weighs half.
        negative /= 2;
      }
      boolean modal = !anchors.isEmpty() && hits.first(modalRule, from, to) != null;
      boolean background = hits.first(backgroundRule, from, to) != null;
      boolean anaphor = hits.first(anaphorRule, from, to) != null;
      boolean held = hits.first(heldRule, from, to) != null;
      boolean announced = hits.first(announcedRule, from, to) != null;
      out.add(new Cued(s, anchors, refCue == Integer.MAX_VALUE ? -1 : s.start() + refCue, prev, next, background, negative, modal,
          status[0], span, block, anaphor, held, announced));
    }
    return out;
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

  private static int relative(int[] span, int from) {
    return span == null ? -1 : span[0] - from;
  }

  /** Status cue in {@code t[0, limit)}, most specific first; returns its span and sets {@code out[0]}. */
  /** Status cue in {@code body[from, limit)} (limit: where a previous/next-round cue starts), most specific first. */
  private int[] status(String body, String lower, Hits hits, int from, int limit, int sentenceEnd, String[] out) {
    boolean resumed = hits.first(resumeRule, from, limit) != null;
    for (int k = 0; k < STATUS_KINDS.size(); k++) {
      String kind = STATUS_KINDS.get(k);
      if (kind.equals("SUSPENDED") && resumed) {
        continue;
      }
      for (int[] m : hits.in(statusRules.get(k), from, limit)) {
        // "the first meeting since the pandemic halted exchanges": a since-clause is background.
        if (!kind.equals("HELD") && inSinceClause(body, lower, from, m[0])) {
          continue;
        }
        // "agreed to hold the next round": the announcement belongs to the next round.
        if (kind.equals("ANNOUNCED") && limit < sentenceEnd && m[1] > limit - 30) {
          continue;
        }
        out[0] = kind;
        return m;
      }
    }
    return null;
  }

  private static boolean inSinceClause(String body, String lower, int sentenceStart, int at) {
    int since = lower.lastIndexOf("since ", at);
    if (since < sentenceStart || at - since > 80) {
      return false;
    }
    String between = body.substring(since, at);
    return between.indexOf(',') < 0 && between.indexOf(';') < 0;
  }

  // ---------------------------------------------------------------- candidates

  private Candidate candidate(Cued c, List<Cued> all, Text text, String title, boolean titleScore, boolean chinaInTitle, DateCache dates,
                              Hits hits, LocalDate ref, int datelineEnd, double scoreToBeat) {
    List<Cued> cluster = new ArrayList<>();
    cluster.add(c);
    for (int i = c.s().index() + 1; i < all.size() && cluster.size() < 10; i++) {
      Cued n = all.get(i);
      if (n.block() != c.block()) {
        break;
      }
      if (!n.prev() && !n.next() && !n.background() && n.anaphor()) {
        cluster.add(n);
      }
    }
    int[] anchor = c.anchors().get(0);
    double score = anchor[2] == 1 ? 0 : -1;
    if (c.refCue() > anchor[1] && c.refCue() - anchor[1] < 20) {
      int[] previous = prevRule.find(text.body(), text.lower(), c.refCue(), c.s().end());
      if (previous != null && previous[0] == c.refCue()
          && RELATIVE_TO_ANCHOR.matcher(text.body().substring(anchor[1], c.refCue())).find()) {
        return null;
      }
    }

    String status = c.status();
    int[] statusSpan = c.statusSpan();
    if (status != null) {
      score += 3;
    } else {
      for (Cued n : cluster) {
        if (n.status() != null) {
          status = n.status();
          statusSpan = n.statusSpan();
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
    String body = text.body();
    int[] cpSpan = nearestCounterpart(body, c.s().start(), c.refCue() >= 0 ? c.refCue() : c.s().end(), anchor[0]);
    String counterpart = cpSpan == null ? null : lex.counterpartCode(body.substring(cpSpan[0], cpSpan[1]));
    if (counterpart != null) {
      score += 2;
    } else {
      String inTitle = firstCounterpart(title);
      if (inTitle != null) {
        counterpart = inTitle;
        score += 1;
      } else {
        for (Cued n : cluster) {
          cpSpan = nearestCounterpart(body, n.s().start(), n.s().end(), n.s().start());
          if (cpSpan != null) {
            counterpart = lex.counterpartCode(body.substring(cpSpan[0], cpSpan[1]));
            score += 1;
            break;
          }
        }
      }
    }
    if (counterpart == null) {
      return null;
    }
    // China must be a party: named in the sentence, the title or the paragraph.
    Text.Paragraph para = text.paragraphs().get(c.s().paragraph());
    if (hits.first(CHINA_RULE, c.s().start(), c.s().end()) == null && !chinaInTitle
        && hits.first(CHINA_RULE, para.start(), para.end()) == null
        && !(BILATERAL.matcher(c.s().text()).find() && hits.first(CHINA_RULE, 0, body.length()) != null)) {
      // A briefing paragraph may say only "the two countries held ..." when China is named elsewhere in the story.
      return null;
    }

    if (titleScore) {
      score += 1;
    }
    for (Cued n : cluster) {
      if (n.held() && n.s().text().toLowerCase(Locale.ROOT).contains("chair")
          || n.s().text().contains("共同主持")) {
        score += 1;
        break;
      }
    }
    score -= c.negative();
    // The date adds at most one point: a candidate that cannot beat the best so far is not worth dating.
    if (score + 1 <= scoreToBeat) {
      return null;
    }
    Dates.DateMention date = eventDate(cluster, body, dates, status, anchor[0], datelineEnd);
    boolean old = false;
    if (date != null) {
      score += 1;
      if (ref != null && ("HELD".equals(status)) && date.to().isBefore(ref.minusDays(MAX_AGE_DAYS))) {
        old = true;
        score -= 6;
      }
      if (ref != null && "ANNOUNCED".equals(status) && date.to().isBefore(ref.minusDays(7))) {
        old = true;
        score -= 6;
      }
    }
    return new Candidate(c, cluster, score, status, statusSpan, counterpart, cpSpan, date, old);
  }

  private int[] nearestCounterpart(String body, int from, int to, int anchorAt) {
    int[] best = null;
    int bestDist = Integer.MAX_VALUE;
    for (NameFinder.Hit h : lex.counterparts(body, from, to)) {
      int dist = Math.abs(h.start() - anchorAt);
      if (dist < bestDist) {
        bestDist = dist;
        best = new int[] {h.start(), h.end()};
      }
    }
    return best;
  }

  private String firstCounterpart(String s) {
    return lex.firstCounterpart(s);
  }

  /**
   * The date of the round: in the cluster, not right after a reporting verb, nearest the anchor. For a round that was
   * called off, put off or suspended, a date before the anchor in its sentence is when that was decided, not the
   * round's. A single day is widened to the meeting's span when the cluster says when it opened and when it ended
   * ("opened on Tuesday" ... "concluded on Wednesday") or how long it lasted ("the two-day talks ... ended on Friday").
   */
  private Dates.DateMention eventDate(List<Cued> cluster, String body, DateCache dates, String status, int anchorAt, int datelineEnd) {
    boolean future = "ANNOUNCED".equals(status);
    boolean calledOff = "CANCELLED".equals(status) || "SUSPENDED".equals(status) || "POSTPONED".equals(status);
    Dates.DateMention best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    List<Dates.DateMention> opened = new ArrayList<>();
    List<Dates.DateMention> ended = new ArrayList<>();
    for (int i = 0; i < cluster.size(); i++) {
      Cued n = cluster.get(i);
      int end = n.refCue() >= 0 ? n.refCue() : n.s().end();
      boolean sentenceFuture = future || n.announced();
      for (Dates.DateMention d : dates.find(Math.max(datelineEnd, n.s().start()), Math.max(datelineEnd, end), sentenceFuture)) {
        if (afterReporting(body, n.s().start(), d.start()) || d.quote().toLowerCase(Locale.ROOT).startsWith("since")
            || precededBy(body, d.start(), "since")) {
          continue;
        }
        if (calledOff && i == 0 && d.end() <= anchorAt) {
          continue;
        }
        String before = body.substring(Math.max(n.s().start(), d.start() - 100), d.start());
        if (d.precision() == Dates.Precision.DAY && d.from().equals(d.to())) {
          // The text's lower-cased form, cut the same way (lower-casing keeps offsets).
          String lowerBefore = dates.lower.substring(Math.max(n.s().start(), d.start() - 100), d.start());
          if (OPEN_VERB_RULE.find(before, lowerBefore, 0, before.length()) != null) {
            opened.add(d);
          } else if (END_VERB_RULE.find(before, lowerBefore, 0, before.length()) != null) {
            ended.add(d);
          }
        }
        double score = -i;
        score += d.precision() == Dates.Precision.DAY ? 2 : d.precision() == Dates.Precision.WEEK ? 1 : 0;
        if (n.status() != null) {
          score += 1;
        }
        if (!d.to().equals(d.from()) && d.precision() == Dates.Precision.DAY) {
          // A span ("on Monday and Tuesday") says more than the day a story was filed or a round ended.
          score += 1.5;
        }
        if (statusCueBefore(body, dates.lower, n.s().start(), d.start())) {
          score += 1;
        }
        if (score > bestScore) {
          bestScore = score;
          best = d;
        }
      }
    }
    if (best == null || best.precision() != Dates.Precision.DAY || !best.from().equals(best.to())) {
      return best;
    }
    final Dates.DateMention day = best;
    if (ended.contains(day)) {
      for (Dates.DateMention o : opened) {
        if (o.from().isBefore(day.from()) && !o.from().isBefore(day.from().minusDays(6))) {
          return widened(day, o.from(), day.to());
        }
      }
    }
    if (opened.contains(day)) {
      for (Dates.DateMention e : ended) {
        if (e.from().isAfter(day.from()) && !e.from().isAfter(day.from().plusDays(6))) {
          return widened(day, day.from(), e.to());
        }
      }
    }
    int days = duration(cluster, body, dates.lower);
    if (days > 1 && ended.contains(day)) {
      return widened(day, day.from().minusDays(days - 1L), day.to());
    }
    if (days > 1 && opened.contains(day)) {
      return widened(day, day.from(), day.to().plusDays(days - 1L));
    }
    return best;
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

  private static Dates.DateMention widened(Dates.DateMention d, LocalDate from, LocalDate to) {
    return new Dates.DateMention(d.start(), d.end(), d.quote(), from, to, d.precision(), d.relative());
  }

  /** The meeting's length in days when the cluster states it, else 0. */
  private static int duration(List<Cued> cluster, String body, String lower) {
    for (Cued n : cluster) {
      // Every match holds "-day", " day" (either case) or "为期": a sentence without them is not searched.
      if (!Gate.containsWithin(lower, "-day", n.s().start(), n.s().end()) && !Gate.containsWithin(lower, " day", n.s().start(), n.s().end())
          && !Gate.containsWithin(body, "为期", n.s().start(), n.s().end())) {
        continue;
      }
      Matcher m = DURATION.matcher(body).region(n.s().start(), n.s().end());
      if (m.find()) {
        String w = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        return switch (w.toLowerCase(Locale.ROOT)) {
          case "two", "2", "两", "二" -> 2;
          case "three", "3", "三" -> 3;
          case "four", "4", "四" -> 4;
          default -> 5;
        };
      }
    }
    return 0;
  }

  private boolean statusCueBefore(String body, String bodyLower, int sentenceStart, int at) {
    int from = Math.max(sentenceStart, at - 40);
    String window = body.substring(from, at);
    String lower = bodyLower.substring(from, at);
    for (Rule rule : statusBeforeDateRules) {
      if (rule.find(window, lower, 0, window.length()) != null) {
        return true;
      }
    }
    return false;
  }

  private boolean afterReporting(String body, int sentenceStart, int at) {
    int from = Math.max(sentenceStart, at - 45);
    // The window alone, lower-cased once: the rule's start words are looked up before any regex runs.
    String window = body.substring(from, at);
    for (int[] m : lex.rule("reporting").findAll(window, Gate.lower(window), 0, window.length())) {
      // Only when nothing but filler ("here", "at a press conference in Beijing") separates them.
      String between = window.substring(m[1]);
      if (!between.contains(",") && !between.contains("，") && between.length() < 40) {
        return true;
      }
    }
    return false;
  }

  private static boolean precededBy(String body, int at, String word) {
    int from = Math.max(0, at - word.length() - 2);
    return body.substring(from, at).toLowerCase(Locale.ROOT).contains(word);
  }

  private static double confidence(double score) {
    return 1.0 / (1.0 + Math.exp(-2.0 * (score - THRESHOLD)));
  }

  private static double round3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }

  // ---------------------------------------------------------------- fields

  private DialogueEvent fields(ArticleInput in, Text text, String title, Candidate best, List<Cued> cued, LocalDate ref,
                               Dateline dateline, String version, int datelineEnd, DateCache dates, Hits hits) {
    String body = text.body();
    List<Evidence> evidence = new ArrayList<>();
    int[] anchor = best.anchor().anchors().get(0);
    String anchorText = body.substring(anchor[0], anchor[1]);
    String format = anchorText.toLowerCase(Locale.ROOT).contains("consult") || anchorText.contains("磋商") ? "consultation" : "dialogue";
    evidence.add(ev("format", body, anchor[0], anchor[1]));
    if (best.counterpartSpan() != null) {
      evidence.add(ev("counterparts", body, best.counterpartSpan()[0], best.counterpartSpan()[1]));
    }
    if (best.statusSpan() != null) {
      evidence.add(ev("status", body, best.statusSpan()[0], best.statusSpan()[1]));
    }

    Integer round = null;
    for (Cued n : best.cluster()) {
      int end = n.refCue() >= 0 ? n.refCue() : n.s().end();
      int[] r = ordinal(body, n.s().start(), end);
      if (r != null) {
        round = r[2];
        evidence.add(ev("round", body, r[0], r[1]));
        break;
      }
    }
    if (round == null) {
      int[] r = ordinal(title, 0, title.length());
      round = r == null ? null : r[2];
    }

    String startDate = null;
    String endDate = null;
    Dates.DateMention date = best.date();
    if (date != null && date.precision() == Dates.Precision.DAY) {
      startDate = date.from().toString();
      endDate = date.to().toString();
      evidence.add(ev("startDate", body, date.start(), date.end()));
      evidence.add(ev("endDate", body, date.start(), date.end()));
    }

    Location location = location(best, body, text.lower(), dateline, evidence, datelineEnd);

    List<CoChair> chairs = new ArrayList<>();
    for (Cued n : best.cluster()) {
      List<CoChairs.Found> found = coChairs.find(body, text.lower(), n.s(), best.counterpart());
      if (!found.isEmpty()) {
        for (CoChairs.Found f : found) {
          chairs.add(CoChair.newBuilder().setName(f.name()).setTitle(f.title()).setSide(f.side()).build());
          evidence.add(ev("coChairs", body, f.start(), f.end()));
        }
        break;
      }
    }

    if (chairs.isEmpty()) {
      List<Text.Sentence> sentences = best.cluster().stream().map(Cued::s).toList();
      for (CoChairs.Found f : coChairs.delegationLeaders(body, sentences, best.counterpart())) {
        chairs.add(CoChair.newBuilder().setName(f.name()).setTitle(f.title()).setSide(f.side()).build());
        evidence.add(ev("coChairs", body, f.start(), f.end()));
      }
    }

    List<String> topics = new ArrayList<>();
    List<String> tone = new ArrayList<>();
    slugs(text, best, cued, hits, topics, tone, evidence);

    int[] ordinals = new int[cued.size()];
    RoundRef previous = roundRef(cued, best, round, true, body, dates, hits, ordinals, evidence);
    RoundRef next = roundRef(cued, best, round, false, body, dates, hits, ordinals, evidence);

    List<String> counterparts = List.of(best.counterpart());
    String eventId = EventIds.eventId(counterparts, format, date, ref);
    double confidence = round3(Math.max(0.5, confidence(best.score())));
    Mention mention = Mention.newBuilder()
        .setArticleId(in.id())
        .setSource(in.source() == null ? "generic" : in.source())
        .setUrl(in.url() == null ? "" : in.url())
        .setPublishedAt(in.publishedAt())
        .setTitle(in.title())
        .build();
    return DialogueEvent.newBuilder()
        .setEventId(eventId)
        .setFormat(format)
        .setCounterparts(counterparts)
        .setStatus(best.status())
        .setRound(round)
        .setStartDate(startDate)
        .setEndDate(endDate)
        .setLocation(location)
        .setCoChairs(chairs)
        .setTopics(topics)
        .setTone(tone)
        .setPreviousRound(previous)
        .setNextRound(next)
        .setEvidence(evidence)
        .setConfidence(confidence)
        .setClassifierVersion(version)
        .setMentions(List.of(mention))
        .build();
  }

  private static Evidence ev(String field, String body, int start, int end) {
    // The all-args constructor: the builder's per-field validation and default look-ups cost more than the rest of
    // this; every field is set and none is null, so the record is the same.
    return new Evidence(field, body.substring(start, end), start, end);
  }

  /** Round number from "39th round", "the fifteenth round", "第三十九次": {start, end, value} or null. */
  private static int[] ordinal(String s, int from, int to) {
    // A word scan instead of the ORDINAL alternation of ~300 words tried at every character.
    for (int[] m = Ordinals.next(s, from, to); m != null; m = Ordinals.next(s, m[1], to)) {
      int value = m[2];
      String after = s.substring(m[1], to);
      if (value <= 0 || value > 200 || !ORDINAL_NOUN.matcher(after).find()) {
        continue;
      }
      // "first" alone is too often "the first since ..." or "for the first time".
      if (m[3] == 1 && value == 1) {
        Matcher noun = FIRST_NOUN.matcher(after);
        // "their first dialogue in six years", "the first since 2019": first after a gap, not round one.
        if (!noun.find() || AFTER_A_GAP.matcher(after).region(noun.end(), after.length()).find()) {
          continue;
        }
      }
      return new int[] {m[0], m[1], value};
    }
    int di = s.indexOf('第', from);
    Matcher z = di < 0 || di >= to ? null : ZH_ORDINAL.matcher(s).region(di, to);
    if (z != null && z.find()) {
      return new int[] {z.start(), z.end(), Ordinals.zhValue(z.group(1))};
    }
    return null;
  }

  private Location location(Candidate best, String body, String lower, Dateline dateline, List<Evidence> evidence, int datelineEnd) {
    int bestScore = Integer.MIN_VALUE;
    int[] span = null;
    Lexicon.City city = null;
    // A round called off or suspended has a place only when the sentence that says so names it; other places in
    // the story are where it was announced or where the other side reacted.
    int sentences = "CANCELLED".equals(best.status()) || "SUSPENDED".equals(best.status()) ? 1 : best.cluster().size();
    for (int i = 0; i < sentences; i++) {
      Cued n = best.cluster().get(i);
      int end = n.refCue() >= 0 ? n.refCue() : n.s().end();
      Matcher here = lex.rule("here").find(body, lower, n.s().start(), end) == null ? null
          : lex.cue("here").matcher(body).region(n.s().start(), end);
      boolean isHere = here != null && here.find();
      // The literal first: most sentences never say "here", and the regex would walk every char of them.
      if (!isHere && n.status() != null && Gate.containsWithin(body, "here", n.s().start(), end)) {
        here = HERE.matcher(body).region(n.s().start(), end);
        while (here.find()) {
          if (!afterReporting(body, n.s().start(), here.start())) {
            isHere = true;
            break;
          }
        }
      }
      if (isHere && dateline.city() != null) {
        Lexicon.City c = lex.city(dateline.city());
        if (c != null && bestScore < 10) {
          bestScore = 10;
          span = new int[] {here.start(), here.end()};
          city = c;
        }
      }
      for (NameFinder.Hit m : lex.cities(body, n.s().start(), end)) {
        Lexicon.City c = lex.city(m.name());
        if (c == null || m.start() < datelineEnd || afterReporting(body, n.s().start(), m.start())
            || afterMission(body, lower, Math.max(n.s().start(), m.start() - 30), m.start())) {
          continue;
        }
        String before = body.substring(Math.max(n.s().start(), m.start() - 40), m.start());
        boolean in = IN_BEFORE.matcher(before).find();
        if (!in && i > 0) {
          continue;
        }
        int score = (i == 0 ? 3 : 0) + (in ? 2 : 0) + (n.status() != null ? 1 : 0) - i;
        if (score > bestScore) {
          bestScore = score;
          span = new int[] {m.start(), m.end()};
          city = c;
        }
      }
      if (city == null) {
        Matcher co = !startsWithin(lower, " of ", n.s().start(), end) ? null
            : atWord(CITY_OF, "in", body, lower, n.s().start(), end);
        if (co != null) {
          String code = lex.counterpartCode(co.group(1));
          if (code != null || CHINA.matcher(co.group(1)).find()) {
            city = new Lexicon.City(co.group(2), code == null ? "CN" : code);
            span = new int[] {co.start(2), co.end(2)};
            bestScore = 0;
          }
        }
      }
      if (city == null) {
        Matcher pc = !startsWithin(body, ", ", n.s().start(), end) ? null : atWord(PLACE_COUNTRY, "in", body, lower,
            n.s().start(), end);
        if (pc != null) {
          String code = lex.counterpartCode(pc.group(2).trim());
          if (code != null || CHINA.matcher(pc.group(2)).find()) {
            city = new Lexicon.City(pc.group(1), code == null ? "CN" : code);
            span = new int[] {pc.start(1), pc.end(1)};
            bestScore = 0;
          }
        }
      }
    }
    if (city == null) {
      return null;
    }
    evidence.add(ev("location", body, span[0], span[1]));
    return Location.newBuilder().setCity(city.name()).setCountry(city.country()).build();
  }

  private void slugs(Text text, Candidate best, List<Cued> cued, Hits hits, List<String> topics, List<String> tone,
                     List<Evidence> evidence) {
    String body = text.body();
    Set<String> seenTopics = new LinkedHashSet<>();
    Map<String, int[]> topicSpans = new LinkedHashMap<>();
    int block = best.anchor().block();
    // One scan per topic over the block, keeping the first hit outside sentences about other rounds.
    int from = Integer.MAX_VALUE;
    int to = -1;
    List<int[]> excluded = new ArrayList<>();
    for (Cued n : cued) {
      if (n.block() != block) {
        continue;
      }
      from = Math.min(from, n.s().start());
      to = Math.max(to, n.s().end());
      if (n.prev() || n.next()) {
        excluded.add(new int[] {n.s().start(), n.s().end()});
      }
    }
    if (to < 0) {
      return;
    }
    for (Lexicon.Slug slug : lex.topics()) {
      for (int[] m : hits.in(slug.rule(), from, to)) {
        int at = m[0];
        if (!inAny(excluded, at) && seenTopics.add(slug.slug())) {
          topicSpans.put(slug.slug(), m);
          break;
        }
      }
    }
    List<Map.Entry<String, int[]>> ordered = new ArrayList<>(topicSpans.entrySet());
    ordered.sort(java.util.Comparator.comparingInt(e -> e.getValue()[0]));
    topicSpans.clear();
    ordered.forEach(e -> topicSpans.put(e.getKey(), e.getValue()));
    topicSpans.forEach((slug, span) -> {
      topics.add(slug);
      evidence.add(ev("topics", body, span[0], span[1]));
    });
    Set<String> seenTone = new LinkedHashSet<>();
    for (Cued n : best.cluster()) {
      List<Object[]> toneHits = new ArrayList<>();
      for (Lexicon.Slug slug : lex.tones()) {
        int[] m = hits.first(slug.rule(), n.s().start(), n.s().end());
        if (m != null) {
          toneHits.add(new Object[] {slug, m[0], m[1]});
        }
      }
      boolean list = toneHits.size() >= 2;
      for (Object[] h : toneHits) {
        Lexicon.Slug slug = (Lexicon.Slug) h[0];
        if ((slug.lone() || list) && seenTone.add(slug.slug())) {
          tone.add(slug.slug());
          evidence.add(ev("tone", body, (int) h[1], (int) h[2]));
        }
      }
    }
  }

  private static boolean inAny(List<int[]> spans, int at) {
    for (int[] r : spans) {
      if (at >= r[0] && at < r[1]) {
        return true;
      }
    }
    return false;
  }

  /** {@code ordinals}: per sentence, 0 = not read yet, else the round number it names + 1 (1 = none); shared by both calls. */
  private RoundRef roundRef(List<Cued> cued, Candidate best, Integer round, boolean previous, String body, DateCache dateCache,
                            Hits hits, int[] ordinals, List<Evidence> evidence) {
    int block = best.anchor().block();
    // Sentences that are about the other round come first; a trailing "the first since 2019" in the event's own
    // sentence is a weaker source.
    List<Cued> ordered = new ArrayList<>();
    cued.stream().filter(n -> previous ? n.prev() : n.next()).forEach(ordered::add);
    // Then "The 39th round was held in Chongqing" when this is the 40th: a lower ordinal is an earlier round, a
    // higher one a later round.
    if (round != null) {
      for (Cued n : cued) {
        if (n == best.anchor() || n.block() != block && !n.anaphor() || ordered.contains(n) || (previous ? !n.held() : !(n.held() || n.announced()))) {
          continue;
        }
        int idx = n.s().index();
        int[] r = ordinals[idx] == 1 ? null : ordinal(body, n.s().start(), n.s().end());
        ordinals[idx] = r == null ? 1 : r[2] + 1;
        if (r != null && (previous ? r[2] < round : r[2] > round)) {
          RoundRef found = roundRefFrom(body, n, r[0], previous, dateCache, evidence, r[2]);
          if (found != null) {
            return found;
          }
        }
      }
    }
    cued.stream().filter(n -> !(previous ? n.prev() : n.next())).forEach(ordered::add);
    for (Cued n : ordered) {
      // A closing "Last year's round was held in Berlin." may follow another briefing topic; it still names a round.
      boolean otherBlockButAboutARound = n.block() != block && (previous ? n.prev() : n.next())
          && n.anaphor();
      if (n.block() != block && !otherBlockButAboutARound) {
        continue;
      }
      if (n.refCue() < 0) {
        continue;
      }
      // Only the kind of reference asked for, and only from the cue on.
      int[] m = hits.first(previous ? prevRule : nextRule, n.s().start(), n.s().end());
      if (m == null) {
        continue;
      }
      // From the start of the cue's clause: Chinese puts date and place before it ("同意2025年在伯尔尼举行下一次对话").
      int from = clauseStart(body, n.s().start(), m[0]);
      String date = null;
      List<Dates.DateMention> dates = dateCache.find(from, n.s().end(), !previous);
      for (Dates.DateMention d : dates) {
        if (!afterReporting(body, n.s().start(), d.start()) && d.precision() != Dates.Precision.WEEK) {
          date = d.isoAtPrecision();
          evidence.add(ev(previous ? "previousRound" : "nextRound", body, d.start(), d.end()));
          break;
        }
      }
      String city = null;
      for (NameFinder.Hit c : lex.cities(body, from, n.s().end())) {
        Lexicon.City known = lex.city(c.name());
        if (known != null) {
          city = known.name();
          evidence.add(ev(previous ? "previousRound" : "nextRound", body, c.start(), c.end()));
          break;
        }
      }
      int[] r = ordinal(body, n.s().start(), n.s().end());
      Integer otherRound = r == null ? null : r[2];
      if (date == null && city == null && otherRound == null) {
        continue;
      }
      return RoundRef.newBuilder().setDate(date).setCity(city).setRound(otherRound).build();
    }
    return null;
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

  /** The date and city of another round from {@code from} to the end of sentence {@code n}, or null. */
  private RoundRef roundRefFrom(String body, Cued n, int from, boolean previous, DateCache dateCache, List<Evidence> evidence, Integer round) {
    String field = previous ? "previousRound" : "nextRound";
    List<Evidence> found = new ArrayList<>();
    String date = null;
    for (Dates.DateMention d : dateCache.find(from, n.s().end(), !previous)) {
      if (!afterReporting(body, n.s().start(), d.start()) && d.precision() != Dates.Precision.WEEK) {
        date = d.isoAtPrecision();
        found.add(ev(field, body, d.start(), d.end()));
        break;
      }
    }
    String city = null;
    for (NameFinder.Hit c : lex.cities(body, from, n.s().end())) {
      Lexicon.City known = lex.city(c.name());
      if (known != null) {
        city = known.name();
        found.add(ev(field, body, c.start(), c.end()));
        break;
      }
    }
    if (date == null && city == null) {
      return null;
    }
    evidence.addAll(found);
    return RoundRef.newBuilder().setDate(date).setCity(city).setRound(round).build();
  }

  // ---------------------------------------------------------------- reference dates

  /** The dateline's city and day, e.g. "WASHINGTON, July 25 (Xinhua)". */
  record Dateline(String city, LocalDate date) {
  }

  static LocalDate publishedDay(String publishedAt) {
    if (publishedAt == null || publishedAt.isBlank()) {
      return null;
    }
    if (publishedAt.length() >= 16 && publishedAt.endsWith("+08:00") && publishedAt.charAt(4) == '-' && publishedAt.charAt(7) == '-'
        && publishedAt.charAt(10) == 'T' && allDigits(publishedAt, 0, 4) && allDigits(publishedAt, 5, 7) && allDigits(publishedAt, 8, 10)) {
      // Already Beijing time: the day is the first ten characters (the full parser costs more than the rest of a
      // short article's pre-checks).
      try {
        return LocalDate.of(Integer.parseInt(publishedAt, 0, 4, 10), Integer.parseInt(publishedAt, 5, 7, 10),
            Integer.parseInt(publishedAt, 8, 10, 10));
      } catch (java.time.DateTimeException e) {
        return null;
      }
    }
    try {
      return OffsetDateTime.parse(publishedAt).atZoneSameInstant(BEIJING).toLocalDate();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(publishedAt.substring(0, Math.min(10, publishedAt.length())));
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  static Dateline dateline(String declared, String body, LocalDate published) {
    String line = declared != null && !declared.isBlank() ? declared : firstLine(body);
    Matcher m = DATELINE.matcher(line);
    if (m.find()) {
      String city = titleCase(m.group(1).trim());
      if (published == null) {
        return new Dateline(city, null);
      }
      int month = monthNumber(m.group(2));
      int day = Integer.parseInt(m.group(3));
      try {
        LocalDate d = LocalDate.of(published.getYear(), month, day);
        // A story datelined Dec. 31 and published on Jan. 1 Beijing time belongs to the old year.
        if (d.isAfter(published.plusDays(2))) {
          d = d.minusYears(1);
        }
        return new Dateline(city, d);
      } catch (java.time.DateTimeException e) {
        return new Dateline(city, null);
      }
    }
    Matcher z = ZH_DATELINE.matcher(line);
    if (z.find() && published != null) {
      try {
        LocalDate d = LocalDate.of(published.getYear(), Integer.parseInt(z.group(2)), Integer.parseInt(z.group(3)));
        if (d.isAfter(published.plusDays(2))) {
          d = d.minusYears(1);
        }
        return new Dateline(z.group(1), d);
      } catch (java.time.DateTimeException e) {
        return new Dateline(z.group(1), null);
      }
    }
    return new Dateline(null, null);
  }

  private static String firstLine(String body) {
    int nl = body.indexOf('\n');
    return nl < 0 ? body.substring(0, Math.min(body.length(), 200)) : body.substring(0, nl);
  }

  private static int monthNumber(String name) {
    String key = name.substring(0, 3).toLowerCase(Locale.ROOT);
    return List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec").indexOf(key) + 1;
  }

  private static String titleCase(String upper) {
    if (!upper.equals(upper.toUpperCase(Locale.ROOT))) {
      return upper;
    }
    StringBuilder sb = new StringBuilder();
    boolean start = true;
    for (char ch : upper.toCharArray()) {
      sb.append(start ? ch : Character.toLowerCase(ch));
      start = ch == ' ' || ch == '-' || ch == '.';
    }
    return sb.toString();
  }
}
