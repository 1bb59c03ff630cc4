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
  private static final Pattern ORDINAL = Pattern.compile(
      "(?i)\\b(?:(\\d{1,3})(?:st|nd|rd|th)|(" + Ordinals.WORDS + "))\\b(?![- ]?(?:since|time|anniversary))");
  private static final Pattern ORDINAL_NOUN = Pattern.compile("(?i)^[^.;]{0,60}?\\b(?:rounds?|dialogues?|consultations?|talks|sessions?)\\b");
  private static final Pattern ZH_ORDINAL = Pattern.compile("第([0-9]{1,3}|[一二三四五六七八九十]{1,4})(?:次|轮|届)");
  private static final Pattern IN_BEFORE = Pattern.compile("(?i)(?:\\bin|\\bat|\\bto|在|于|赴)(?:\\s+(?:the\\s+)?(?:[\\w-]+\\s+){0,3}?(?:of\\s+)?)?\\s*$");
  private static final Pattern PLACE_COUNTRY = Pattern.compile(
      "(?i:held|take place|took place|hold|convened|met)\\b[^.;]{0,40}?\\bin\\s+(\\p{Lu}\\p{L}+(?:\\s\\p{Lu}\\p{L}+)?),\\s+(\\p{Lu}[\\p{L} ]+)");
  private static final Pattern DATELINE_PREFIX = Pattern.compile(
      "^\\s*(?:[^\\n]{0,80}?\\((?:Xinhua|ECNS|Reuters|AP|AFP|CNS|Chinanews|Global Times|China Daily)\\)\\s*[-—–]+|\\p{Lu}[\\p{Lu} .,'’-]{1,40},\\s*"
          + MONTHS + "\\s+\\d{1,2}\\s*[-—–]+|(?:新华社|中新社|中新网)\\p{IsHan}{0,6}\\d{1,2}月\\d{1,2}日电(?:（[^）]{0,20}）)?)");
  private static final Pattern HERE = Pattern.compile("\\bhere\\b");
  private static final Pattern WEAK_ANCHOR = Pattern.compile("(?i)\\b(?:dialogues?|consultations?)\\b|对话|磋商");
  private static final Pattern TITLE_HR = Pattern.compile("(?i)human rights|人权");

  private final Lexicon lex;
  private final CoChairs coChairs;

  public Extractor(Lexicon lexicon) {
    this.lex = lexicon;
    this.coChairs = new CoChairs(lexicon);
  }

  /** A sentence with the cues found in it. */
  private record Cued(Text.Sentence s, List<int[]> anchors, int refCue, boolean prev, boolean next, boolean background,
                      int negative, boolean modal, String status, int[] statusSpan, int block, boolean anaphor, boolean held,
                      boolean announced) {
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
    int datelineEnd = prefix.find() ? prefix.end() : 0;
    List<Cued> cued = cue(text, anchorsInTitle(title));
    Candidate best = null;
    for (Cued c : cued) {
      if (c.anchors().isEmpty() || c.prev() || c.next() || c.background()) {
        continue;
      }
      Candidate cand = candidate(c, cued, text, title, ref, datelineEnd);
      if (cand != null && (best == null || cand.score() > best.score())) {
        best = cand;
      }
    }
    if (best == null || best.score() < THRESHOLD) {
      double confidence = best == null ? 0.02 : confidence(best.score());
      return new Verdict(in.id(), false, round3(Math.min(confidence, 0.49)), version, null);
    }
    DialogueEvent event = fields(in, text, title, best, cued, ref, dateline, version, datelineEnd);
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
    return lex.cue("anchor").matcher(title).find();
  }

  private List<Cued> cue(Text text, boolean titleAnchor) {
    List<Cued> out = new ArrayList<>();
    String lower = text.lower();
    String body = text.body();
    int block = 0;
    int lastParagraph = -1;
    Pattern weak = WEAK_ANCHOR;
    for (Text.Sentence s : text.sentences()) {
      if (s.paragraph() != lastParagraph) {
        Text.Paragraph p = text.paragraphs().get(s.paragraph());
        if (lastParagraph >= 0 && lex.cue("topicswitch").matcher(text.body().substring(p.start(), p.end())).find()) {
          block++;
        }
        lastParagraph = s.paragraph();
      }
      String t = s.text();
      int from = s.start();
      int to = s.end();
      List<int[]> anchors = new ArrayList<>();
      for (int[] a : lex.rule("anchor").findAll(body, lower, from, to)) {
        anchors.add(new int[] {a[0], a[1], 1});
      }
      if (anchors.isEmpty() && titleAnchor) {
        Matcher w = weak.matcher(t);
        if (w.find()) {
          anchors.add(new int[] {s.start() + w.start(), s.start() + w.end(), 0});
        }
      }
      int prevAt = relative(lex.rule("prevround").find(body, lower, from, to), from);
      int nextAt = relative(lex.rule("nextround").find(body, lower, from, to), from);
      int refCue = Math.min(prevAt < 0 ? Integer.MAX_VALUE : prevAt, nextAt < 0 ? Integer.MAX_VALUE : nextAt);
      String[] status = new String[1];
      int[] span = status(body, lower, from, refCue == Integer.MAX_VALUE ? to : from + refCue, to, status);
      int firstStatus = span == null ? Integer.MAX_VALUE : span[0] - from;
      // The sentence is about another round when the previous/next cue comes before anything happens in it.
      boolean isRef = refCue != Integer.MAX_VALUE && refCue <= firstStatus;
      boolean prev = isRef && prevAt >= 0 && prevAt == refCue;
      boolean next = isRef && !prev;
      int negative = 0;
      for (int i = 0; i < lex.negatives().size(); i++) {
        Lexicon.Slug neg = lex.negatives().get(i);
        if (neg.rule().find(body, lower, from, to) != null) {
          negative += lex.negativeWeight(i);
        }
      }
      boolean modal = lex.rule("modal").find(body, lower, from, to) != null;
      boolean background = lex.rule("background").find(body, lower, from, to) != null;
      boolean anaphor = lex.rule("anaphor").find(body, lower, from, to) != null;
      boolean held = lex.rule("HELD").find(body, lower, from, to) != null;
      boolean announced = lex.rule("ANNOUNCED").find(body, lower, from, to) != null;
      out.add(new Cued(s, anchors, refCue == Integer.MAX_VALUE ? -1 : s.start() + refCue, prev, next, background, negative, modal,
          status[0], span, block, anaphor, held, announced));
    }
    return out;
  }

  private static int relative(int[] span, int from) {
    return span == null ? -1 : span[0] - from;
  }

  /** Status cue in {@code t[0, limit)}, most specific first; returns its span and sets {@code out[0]}. */
  /** Status cue in {@code body[from, limit)} (limit: where a previous/next-round cue starts), most specific first. */
  private int[] status(String body, String lower, int from, int limit, int sentenceEnd, String[] out) {
    boolean resumed = lex.rule("resume").find(body, lower, from, limit) != null;
    for (String kind : List.of("POSTPONED", "CANCELLED", "SUSPENDED", "ANNOUNCED", "HELD")) {
      if (kind.equals("SUSPENDED") && resumed) {
        continue;
      }
      for (int[] m : lex.rule(kind).findAll(body, lower, from, limit)) {
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

  private Candidate candidate(Cued c, List<Cued> all, Text text, String title, LocalDate ref, int datelineEnd) {
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
    if (!CHINA.matcher(c.s().text()).find() && !CHINA.matcher(title).find()
        && !CHINA.matcher(body.substring(para.start(), para.end())).find()) {
      return null;
    }

    Dates.DateMention date = eventDate(cluster, body, ref, "ANNOUNCED".equals(status), datelineEnd);
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
    if (TITLE_HR.matcher(title).find() && (lex.cue("anchor").matcher(title).find() || firstCounterpart(title) != null)) {
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

  /** The date of the round: in the cluster, not right after a reporting verb, nearest the anchor. */
  private Dates.DateMention eventDate(List<Cued> cluster, String body, LocalDate ref, boolean future, int datelineEnd) {
    Dates.DateMention best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < cluster.size(); i++) {
      Cued n = cluster.get(i);
      int end = n.refCue() >= 0 ? n.refCue() : n.s().end();
      boolean sentenceFuture = future || n.announced();
      for (Dates.DateMention d : Dates.find(body, Math.max(datelineEnd, n.s().start()), Math.max(datelineEnd, end), ref, sentenceFuture)) {
        if (afterReporting(body, n.s().start(), d.start()) || d.quote().toLowerCase(Locale.ROOT).startsWith("since")
            || precededBy(body, d.start(), "since")) {
          continue;
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
        if (statusCueBefore(body, n.s().start(), d.start())) {
          score += 1;
        }
        if (score > bestScore) {
          bestScore = score;
          best = d;
        }
      }
    }
    return best;
  }

  private boolean statusCueBefore(String body, int sentenceStart, int at) {
    int from = Math.max(sentenceStart, at - 40);
    for (String kind : List.of("HELD", "ANNOUNCED", "POSTPONED")) {
      if (lex.cue(kind).matcher(body).region(from, at).find()) {
        return true;
      }
    }
    return false;
  }

  private boolean afterReporting(String body, int sentenceStart, int at) {
    int from = Math.max(sentenceStart, at - 45);
    Matcher m = lex.cue("reporting").matcher(body).region(from, at);
    while (m.find()) {
      // Only when nothing but filler ("here", "at a press conference in Beijing") separates them.
      String between = body.substring(m.end(), at);
      if (!between.contains(",") && between.length() < 40) {
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
                               Dateline dateline, String version, int datelineEnd) {
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

    Location location = location(best, body, dateline, evidence, datelineEnd);

    List<CoChair> chairs = new ArrayList<>();
    for (Cued n : best.cluster()) {
      List<CoChairs.Found> found = coChairs.find(body, n.s(), best.counterpart());
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
    slugs(text, best, cued, topics, tone, evidence);

    RoundRef previous = roundRef(cued, best.anchor().block(), true, body, ref, evidence);
    RoundRef next = roundRef(cued, best.anchor().block(), false, body, ref, evidence);

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
    return Evidence.newBuilder().setField(field).setQuote(body.substring(start, end)).setStart(start).setEnd(end).build();
  }

  /** Round number from "39th round", "the fifteenth round", "第三十九次": {start, end, value} or null. */
  private static int[] ordinal(String s, int from, int to) {
    Matcher m = ORDINAL.matcher(s).region(from, to);
    while (m.find()) {
      int value = m.group(1) != null ? Integer.parseInt(m.group(1)) : Ordinals.value(m.group(2));
      String after = s.substring(m.end(), to);
      if (value <= 0 || value > 200 || !ORDINAL_NOUN.matcher(after).find()) {
        continue;
      }
      // "first" alone is too often "the first since ..." or "for the first time".
      if (m.group(2) != null && value == 1 && !after.trim().toLowerCase(Locale.ROOT).startsWith("round")) {
        continue;
      }
      return new int[] {m.start(), m.end(), value};
    }
    Matcher z = ZH_ORDINAL.matcher(s).region(from, to);
    if (z.find()) {
      return new int[] {z.start(), z.end(), Ordinals.zhValue(z.group(1))};
    }
    return null;
  }

  private Location location(Candidate best, String body, Dateline dateline, List<Evidence> evidence, int datelineEnd) {
    int bestScore = Integer.MIN_VALUE;
    int[] span = null;
    Lexicon.City city = null;
    for (int i = 0; i < best.cluster().size(); i++) {
      Cued n = best.cluster().get(i);
      int end = n.refCue() >= 0 ? n.refCue() : n.s().end();
      Matcher here = lex.cue("here").matcher(body).region(n.s().start(), end);
      boolean isHere = here.find();
      if (!isHere && n.status() != null) {
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
        if (c == null || m.start() < datelineEnd || afterReporting(body, n.s().start(), m.start())) {
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
        Matcher pc = PLACE_COUNTRY.matcher(body).region(n.s().start(), end);
        if (pc.find()) {
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

  private void slugs(Text text, Candidate best, List<Cued> cued, List<String> topics, List<String> tone, List<Evidence> evidence) {
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
    String lower = text.lower();
    for (Lexicon.Slug slug : lex.topics()) {
      if (to < 0) {
        break;
      }
      for (int[] m : slug.rule().findAll(body, lower, from, to)) {
        int at = m[0];
        if (excluded.stream().noneMatch(r -> at >= r[0] && at < r[1]) && seenTopics.add(slug.slug())) {
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
      List<Object[]> hits = new ArrayList<>();
      for (Lexicon.Slug slug : lex.tones()) {
        int[] m = slug.rule().find(body, lower, n.s().start(), n.s().end());
        if (m != null) {
          hits.add(new Object[] {slug, m[0], m[1]});
        }
      }
      boolean list = hits.size() >= 2;
      for (Object[] h : hits) {
        Lexicon.Slug slug = (Lexicon.Slug) h[0];
        if ((slug.lone() || list) && seenTone.add(slug.slug())) {
          tone.add(slug.slug());
          evidence.add(ev("tone", body, (int) h[1], (int) h[2]));
        }
      }
    }
  }

  private RoundRef roundRef(List<Cued> cued, int block, boolean previous, String body, LocalDate ref, List<Evidence> evidence) {
    // Sentences that are about the other round come first; a trailing "the first since 2019" in the event's own
    // sentence is a weaker source.
    List<Cued> ordered = new ArrayList<>();
    cued.stream().filter(n -> previous ? n.prev() : n.next()).forEach(ordered::add);
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
      Pattern cue = lex.cue(previous ? "prevround" : "nextround");
      Matcher m = cue.matcher(body).region(n.s().start(), n.s().end());
      if (!m.find()) {
        continue;
      }
      int from = m.start();
      String date = null;
      List<Dates.DateMention> dates = Dates.find(body, from, n.s().end(), ref, !previous);
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
      Integer round = r == null ? null : r[2];
      if (date == null && city == null && round == null) {
        continue;
      }
      return RoundRef.newBuilder().setDate(date).setCity(city).setRound(round).build();
    }
    return null;
  }

  // ---------------------------------------------------------------- reference dates

  /** The dateline's city and day, e.g. "WASHINGTON, July 25 (Xinhua)". */
  record Dateline(String city, LocalDate date) {
  }

  static LocalDate publishedDay(String publishedAt) {
    if (publishedAt == null || publishedAt.isBlank()) {
      return null;
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
