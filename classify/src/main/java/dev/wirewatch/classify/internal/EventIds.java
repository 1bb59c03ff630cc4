package dev.wirewatch.classify.internal;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The eventId rule: {@code cn-<counterparts, lower-case, sorted, '-'-joined>/human-rights-<format>/<YYYY-MM>}, e.g.
 * {@code cn-eu/human-rights-dialogue/2024-06}.
 *
 * <p>The key is the <em>month</em> in which the round starts, not its day, because two reports of one round rarely
 * agree to the day: an announcement gives the planned dates, a report filed abroad resolves "on Wednesday" against a
 * local dateline while another wire files in Beijing time, one report says "opened on Tuesday" and another only
 * "concluded on Wednesday", a spokesperson says "last week". All of these still agree on the month, and a series
 * with one counterpart meets at most a few times a year, so two rounds never share a month in practice. The month
 * is taken, in this order, from:
 * <ol>
 *   <li>the round's own date at day or month precision (its first day);</li>
 *   <li>a relative week ("last week", "next week", "上周"): the month holding most of that week's working days,
 *       i.e. the month of its Wednesday;</li>
 *   <li>the story's reference date (dateline day, else the publication day in Beijing time).</li>
 * </ol>
 * A year-only date says too little, so the reference month is used instead. Without any date the key is
 * {@code undated}.
 */
public final class EventIds {

  private EventIds() {
  }

  /** The eventId of a round; {@code date} is the round's own date or null, {@code ref} the story's reference day or null. */
  public static String eventId(List<String> counterparts, String format, Dates.DateMention date, LocalDate ref) {
    String parties = counterparts.stream().map(c -> c.toLowerCase(Locale.ROOT).replace('_', '-')).sorted().collect(Collectors.joining("-"));
    return "cn-" + parties + "/human-rights-" + format + "/" + key(date, ref);
  }

  static String key(Dates.DateMention date, LocalDate ref) {
    if (date != null && (date.precision() == Dates.Precision.DAY || date.precision() == Dates.Precision.MONTH)) {
      return YearMonth.from(date.from()).toString();
    }
    if (date != null && date.precision() == Dates.Precision.WEEK) {
      LocalDate wednesday = date.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusDays(2);
      return YearMonth.from(wednesday).toString();
    }
    if (ref != null) {
      return YearMonth.from(ref).toString();
    }
    return "undated";
  }
}
