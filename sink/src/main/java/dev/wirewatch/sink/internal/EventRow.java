package dev.wirewatch.sink.internal;

import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.Location;
import dev.wirewatch.schema.Mention;
import dev.wirewatch.schema.json.AvroJson;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The columns of one {@code events} row and its {@code event_mentions} rows, taken from a
 * {@link DialogueEvent}. Building one validates what the database cannot be trusted to check alike in
 * SQLite and PostgreSQL (ISO dates, key and eventId agreeing); a failure is a record that can never be
 * stored.
 */
public record EventRow(String eventId, String format, String counterparts, String status, Integer round,
    LocalDate startDate, LocalDate endDate, String city, String country, String classifierVersion, double confidence,
    String recordJson, List<MentionRow> mentions) {

  /** One article reporting the event. */
  public record MentionRow(String articleId, String source, String url, String publishedAt, String title) {
  }

  public EventRow {
    Objects.requireNonNull(eventId, "eventId");
    mentions = List.copyOf(mentions);
  }

  /**
   * The row for an event read under {@code key}.
   *
   * @throws IllegalArgumentException when the event cannot be stored as it is
   */
  public static EventRow from(String key, DialogueEvent event) {
    Objects.requireNonNull(event, "event");
    String eventId = event.getEventId();
    if (eventId == null || eventId.isBlank()) {
      throw new IllegalArgumentException("eventId is blank");
    }
    // The key decides which row a later tombstone deletes, so the stored id must be the key.
    if (key != null && !key.equals(eventId)) {
      throw new IllegalArgumentException("record key '" + key + "' differs from eventId '" + eventId + "'");
    }
    Location location = event.getLocation();
    return new EventRow(eventId, event.getFormat(), counterparts(event.getCounterparts()), event.getStatus(),
        event.getRound(), date(event.getStartDate(), "startDate"), date(event.getEndDate(), "endDate"),
        location == null ? null : location.getCity(), location == null ? null : location.getCountry(),
        event.getClassifierVersion(), event.getConfidence(), AvroJson.toJsonLine(event), mentions(event.getMentions()));
  }

  /** Codes wrapped in commas, ",EU,US,", so that {@code LIKE '%,EU,%'} finds one code exactly. */
  static String counterparts(List<String> codes) {
    StringBuilder joined = new StringBuilder(",");
    for (String code : codes) {
      if (code == null || code.isBlank() || code.indexOf(',') >= 0) {
        throw new IllegalArgumentException("counterpart code '" + code + "' is blank or contains a comma");
      }
      joined.append(code).append(',');
    }
    return joined.toString();
  }

  private static LocalDate date(String value, String field) {
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(field + " '" + value + "' is not an ISO date (YYYY-MM-DD)", e);
    }
  }

  /** One row per article: a repeated article keeps its first mention, as the primary key requires. */
  private static List<MentionRow> mentions(List<Mention> mentions) {
    List<MentionRow> rows = new ArrayList<>(mentions.size());
    Set<String> seen = new HashSet<>();
    for (Mention mention : mentions) {
      if (seen.add(mention.getArticleId())) {
        rows.add(new MentionRow(mention.getArticleId(), mention.getSource(), mention.getUrl(),
            mention.getPublishedAt(), mention.getTitle()));
      }
    }
    return rows;
  }
}
