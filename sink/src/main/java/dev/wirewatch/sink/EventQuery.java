package dev.wirewatch.sink;

import java.time.LocalDate;
import java.util.Locale;

/**
 * A filter over stored events; every part is optional (null matches all).
 *
 * @param since events starting on or after this date (the event's startDate; undated events never match)
 * @param until events starting on or before this date
 * @param counterpart events with this counterpart code, e.g. EU or DE (case-insensitive)
 * @param status events with this status, e.g. HELD (case-insensitive)
 */
public record EventQuery(LocalDate since, LocalDate until, String counterpart, String status) {

  public EventQuery {
    if (since != null && until != null && until.isBefore(since)) {
      throw new IllegalArgumentException("until (" + until + ") must not be before since (" + since + ")");
    }
    counterpart = normalise(counterpart, "counterpart");
    status = normalise(status, "status");
  }

  /** Every stored event. */
  public static EventQuery all() {
    return new EventQuery(null, null, null, null);
  }

  private static String normalise(String value, String name) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return trimmed.toUpperCase(Locale.ROOT);
  }
}
