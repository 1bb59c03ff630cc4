package dev.wirewatch.classify.internal;

import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The eventId rule; see {@code DialogueClassifier} for the documented form. */
public final class EventIds {

  private EventIds() {
  }

  /**
   * {@code cn-<counterparts, lower-case, sorted, '-'-joined>/human-rights-<format>/<date key>}; the date key is the
   * round's start day when stated to the day, else its month (YYYY-MM), else the month of the story's reference date.
   */
  public static String eventId(List<String> counterparts, String format, Dates.DateMention date, java.time.LocalDate ref) {
    String parties = counterparts.stream().map(c -> c.toLowerCase(Locale.ROOT).replace('_', '-')).sorted().collect(Collectors.joining("-"));
    String key;
    if (date != null && date.precision() == Dates.Precision.DAY) {
      key = date.from().toString();
    } else if (date != null && date.precision() != Dates.Precision.YEAR) {
      key = YearMonth.from(date.from()).toString();
    } else if (ref != null) {
      key = YearMonth.from(ref).toString();
    } else {
      key = "undated";
    }
    return "cn-" + parties + "/human-rights-" + format + "/" + key;
  }
}
