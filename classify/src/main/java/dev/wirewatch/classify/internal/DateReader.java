package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Gate;
import dev.wirewatch.classify.internal.match.Rule;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads when a round takes place: among the dates of its cluster, the one not right after a reporting verb, nearest
 * the anchor, widened to the meeting's span when the cluster says when it opened and ended or how long it lasted.
 */
final class DateReader {

  /** A verb that opens or ends a meeting, right before the date it happened on. */
  private static final Pattern OPEN_VERB = Pattern.compile("(?i)\\b(?:opened|began|started|kicked off|got under way|got underway|opens?|begins?|starts?|beginning|starting)\\b[^.;]{0,90}$|开幕|开始");
  private static final Pattern END_VERB = Pattern.compile(
      "(?i)\\b(?:concluded|ended|closed|wrapped up|came to a close|came to an end|finished)\\b[^.;]{0,90}$|结束|闭幕");
  /** "two-day talks", "after two days of", "为期两天": the length of a meeting. */
  private static final Pattern DURATION = Pattern.compile(
      "(?i)\\b(two|three|four|five|2|3|4|5)[- ]day\\b|\\b(two|three|four|five) days of\\b|为期(两|二|三|四|五)天");
  private static final Rule OPEN_VERB_RULE = new Rule(OPEN_VERB);
  private static final Rule END_VERB_RULE = new Rule(END_VERB);
  /** The longest meeting whose opening and closing days are put together. */
  private static final int MAX_MEETING_DAYS = 6;

  private final StatusReader status;
  private final ReportingCue reporting;

  DateReader(StatusReader status, ReportingCue reporting) {
    this.status = status;
    this.reporting = reporting;
  }

  /**
   * The date of the round with status {@code kind}, or null. For a round that was called off, put off or suspended, a
   * date before the anchor in its sentence is when that was decided, not the round's. A single day is widened to the
   * meeting's span when the cluster says when it opened and when it ended ("opened on Tuesday" ... "concluded on
   * Wednesday") or how long it lasted ("the two-day talks ... ended on Friday").
   */
  Dates.DateMention eventDate(Article article, List<CuedSentence> cluster, StatusCue kind, int anchorAt) {
    String body = article.body();
    String lower = article.lower();
    // A postponed round's dates are the ones it had been planned for, mostly still ahead when the news breaks.
    boolean future = "ANNOUNCED".equals(kind.kind()) || "POSTPONED".equals(kind.kind());
    boolean calledOff = kind.calledOff();
    Dates.DateMention best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    List<Dates.DateMention> opened = new ArrayList<>();
    List<Dates.DateMention> ended = new ArrayList<>();
    int datelineEnd = article.datelineEnd();
    for (int i = 0; i < cluster.size(); i++) {
      CuedSentence n = cluster.get(i);
      int start = n.s().start();
      boolean sentenceFuture = future || n.announced();
      for (Dates.DateMention d : article.dates().find(Math.max(datelineEnd, start), Math.max(datelineEnd, n.ownEnd()), sentenceFuture)) {
        if (reporting.justBefore(body, start, d.start()) || d.quote().toLowerCase(Locale.ROOT).startsWith("since")
            || precededBy(body, d.start(), "since")) {
          continue;
        }
        if (calledOff && i == 0 && d.end() <= anchorAt) {
          continue;
        }
        if (d.precision() == Dates.Precision.DAY && d.from().equals(d.to())) {
          int from = Math.max(start, d.start() - 100);
          // The text's lower-cased form, cut the same way (lower-casing keeps offsets).
          String before = body.substring(from, d.start());
          String lowerBefore = lower.substring(from, d.start());
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
        if (status.justBefore(body, lower, start, d.start())) {
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
    return widen(best, opened, ended, cluster, body, lower);
  }

  /** The single day {@code day}, widened to the meeting's span when the cluster gives its other end or length. */
  private static Dates.DateMention widen(Dates.DateMention day, List<Dates.DateMention> opened, List<Dates.DateMention> ended,
                                         List<CuedSentence> cluster, String body, String lower) {
    if (ended.contains(day)) {
      for (Dates.DateMention o : opened) {
        if (o.from().isBefore(day.from()) && !o.from().isBefore(day.from().minusDays(MAX_MEETING_DAYS))) {
          return widened(day, o.from(), day.to());
        }
      }
    }
    if (opened.contains(day)) {
      for (Dates.DateMention e : ended) {
        if (e.from().isAfter(day.from()) && !e.from().isAfter(day.from().plusDays(MAX_MEETING_DAYS))) {
          return widened(day, day.from(), e.to());
        }
      }
    }
    int days = duration(cluster, body, lower);
    if (days > 1 && ended.contains(day)) {
      return widened(day, day.from().minusDays(days - 1L), day.to());
    }
    // "two days of talks ... on Monday": with a stated length and no word that it ended then, the day is the first.
    if (days > 1 && (opened.contains(day) || !ended.contains(day))) {
      return widened(day, day.from(), day.to().plusDays(days - 1L));
    }
    return day;
  }

  private static Dates.DateMention widened(Dates.DateMention d, LocalDate from, LocalDate to) {
    return new Dates.DateMention(d.start(), d.end(), d.quote(), from, to, d.precision(), d.relative());
  }

  /** The meeting's length in days when the cluster states it, else 0. */
  private static int duration(List<CuedSentence> cluster, String body, String lower) {
    for (CuedSentence n : cluster) {
      int start = n.s().start();
      int end = n.s().end();
      // Every match holds "-day", " day" (either case) or "为期": a sentence without them is not searched.
      if (!Gate.containsWithin(lower, "-day", start, end) && !Gate.containsWithin(lower, " day", start, end)
          && !Gate.containsWithin(body, "为期", start, end)) {
        continue;
      }
      Matcher m = DURATION.matcher(body).region(start, end);
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

  private static boolean precededBy(String body, int at, String word) {
    int from = Math.max(0, at - word.length() - 2);
    return body.substring(from, at).toLowerCase(Locale.ROOT).contains(word);
  }
}
