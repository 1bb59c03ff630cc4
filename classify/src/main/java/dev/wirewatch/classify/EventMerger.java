package dev.wirewatch.classify;

import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.Mention;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Merges the per-article readings of one round (same eventId) into one event. Deterministic: the same readings
 * in any order give the same event, which replays rely on.
 *
 * <p>The rule:
 * <ul>
 *   <li><b>mentions</b>: the union of all mentions, one per articleId, sorted by publishedAt (missing first),
 *       then articleId;</li>
 *   <li><b>status</b>: from the latest-published reading (the newest news wins: an announcement followed by a
 *       report of the held round is HELD; a held-then-postponed story is POSTPONED);</li>
 *   <li><b>every other field</b>: from the best-ranked reading that has it (non-null, non-empty), where the rank
 *       is confidence (high first), then publishedAt (latest first), then articleId;</li>
 *   <li><b>evidence</b>: the best-ranked reading's evidence, plus its status evidence replaced by the status
 *       source's; offsets therefore point into one article each, named by the quote;</li>
 *   <li><b>confidence</b>: the maximum; <b>classifierVersion</b>: the best-ranked reading's.</li>
 * </ul>
 */
public final class EventMerger {

  private static final Comparator<DialogueEvent> RANK = Comparator
      .comparingDouble(DialogueEvent::getConfidence).reversed()
      .thenComparing(EventMerger::latestPublished, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
      .thenComparing(EventMerger::firstArticleId);

  private static final Comparator<DialogueEvent> NEWEST_FIRST = Comparator
      .comparing(EventMerger::latestPublished, Comparator.nullsLast(Comparator.<Instant>reverseOrder()))
      .thenComparing(EventMerger::firstArticleId);

  private static final Comparator<Mention> MENTION_ORDER = Comparator
      .comparing((Mention m) -> instant(m.getPublishedAt()), Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
      .thenComparing(Mention::getArticleId);

  private EventMerger() {
  }

  /**
   * Merges readings of the event {@code eventId}.
   *
   * @throws IllegalArgumentException when {@code readings} is empty
   */
  public static DialogueEvent merge(String eventId, Collection<DialogueEvent> readings) {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(readings, "readings");
    if (readings.isEmpty()) {
      throw new IllegalArgumentException("readings must hold at least one DialogueEvent");
    }
    List<DialogueEvent> ranked = new ArrayList<>(readings);
    ranked.sort(RANK);
    DialogueEvent best = ranked.get(0);
    DialogueEvent newest = readings.stream().min(NEWEST_FIRST).orElseThrow();

    Map<String, Mention> mentions = new TreeMap<>();
    for (DialogueEvent e : ranked) {
      for (Mention m : e.getMentions()) {
        mentions.putIfAbsent(m.getArticleId(), m);
      }
    }
    List<Mention> sorted = new ArrayList<>(mentions.values());
    sorted.sort(MENTION_ORDER);

    List<dev.wirewatch.schema.Evidence> evidence = new ArrayList<>();
    for (dev.wirewatch.schema.Evidence ev : best.getEvidence()) {
      if (!ev.getField().equals("status")) {
        evidence.add(ev);
      }
    }
    newest.getEvidence().stream().filter(ev -> ev.getField().equals("status")).forEach(evidence::add);

    return DialogueEvent.newBuilder()
        .setEventId(eventId)
        .setFormat(first(ranked, DialogueEvent::getFormat))
        .setCounterparts(first(ranked, DialogueEvent::getCounterparts))
        .setStatus(newest.getStatus())
        .setRound(first(ranked, DialogueEvent::getRound))
        .setStartDate(first(ranked, DialogueEvent::getStartDate))
        .setEndDate(first(ranked, DialogueEvent::getEndDate))
        .setLocation(first(ranked, DialogueEvent::getLocation))
        .setCoChairs(orEmpty(first(ranked, DialogueEvent::getCoChairs)))
        .setTopics(orEmpty(first(ranked, DialogueEvent::getTopics)))
        .setTone(orEmpty(first(ranked, DialogueEvent::getTone)))
        .setPreviousRound(first(ranked, DialogueEvent::getPreviousRound))
        .setNextRound(first(ranked, DialogueEvent::getNextRound))
        .setEvidence(evidence)
        .setConfidence(best.getConfidence())
        .setClassifierVersion(best.getClassifierVersion())
        .setMentions(sorted)
        .build();
  }

  private static <T> T first(List<DialogueEvent> ranked, Function<DialogueEvent, T> field) {
    for (DialogueEvent e : ranked) {
      T value = field.apply(e);
      if (value != null && !(value instanceof Collection<?> c && c.isEmpty())) {
        return value;
      }
    }
    return null;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  private static Instant latestPublished(DialogueEvent e) {
    return e.getMentions().stream().map(m -> instant(m.getPublishedAt())).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
  }

  /** publishedAt as an instant, so "+08:00" and "Z" stamps order correctly; null when absent or unreadable. */
  private static Instant instant(String publishedAt) {
    if (publishedAt == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(publishedAt).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static String firstArticleId(DialogueEvent e) {
    return e.getMentions().stream().map(Mention::getArticleId).min(Comparator.naturalOrder()).orElse("");
  }
}
