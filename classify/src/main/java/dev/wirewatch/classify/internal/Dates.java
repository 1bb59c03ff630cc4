package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Gate;
import dev.wirewatch.classify.internal.match.Rule;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds date expressions in a span of text and resolves them against a reference date (the dateline's
 * day, else the publication day in Beijing time). Past-tense text resolves "Friday" to the last Friday on or
 * before the reference, future-tense text to the next one on or after it.
 */
public final class Dates {

  /** How much of a date the text states. */
  public enum Precision { DAY, WEEK, MONTH, YEAR }

  /** One resolved date expression; {@code end} equals {@code start} for a single day. */
  public record DateMention(int start, int end, String quote, LocalDate from, LocalDate to, Precision precision, boolean relative) {

    /** The date at its stated precision: YYYY-MM-DD, YYYY-MM or YYYY. */
    public String isoAtPrecision() {
      return switch (precision) {
        case DAY, WEEK -> from.toString();
        case MONTH -> YearMonth.from(from).toString();
        case YEAR -> Integer.toString(from.getYear());
      };
    }
  }

  private static final String M = "(January|February|March|April|May|June|July|August|September|October|November|December"
      + "|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?)";
  private static final String D = "(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)";
  private static final String Y = "(?:,?\\s+((?:19|20)\\d{2}))?";
  private static final String TO = "\\s*(?:-|–|—|(?i:to|through|till|until|and))\\s*";
  private static final String W = "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";

  private static final Pattern RANGE_MD = Pattern.compile("(?:(?i:from|between)\\s+)?" + M + "\\s+" + D + Y + TO + "(?:" + M + "\\s+)?" + D + Y);
  // "30 November to 1 December 2015": the first month may be named too.
  private static final Pattern RANGE_DM = Pattern.compile("(?:(?i:from|between)\\s+)?(?<!\\d)" + D + "(?:\\s+" + M + ")?" + TO + D + "\\s+" + M + Y);
  private static final Pattern MD = Pattern.compile(M + "\\s+" + D + Y);
  private static final Pattern DM = Pattern.compile("(?<!\\d)" + D + "\\s+" + M + Y);
  private static final Pattern MONTH = Pattern.compile(
      "(?i:in|since|by|during|of|until|till|before|after|for)\\s+(?:(?i:early|mid-?|late|the end of|the beginning of)\\s*)?" + M
          + "(?![a-z])(?!\\s+\\d{1,2}(?!\\d))(?:,?\\s+((?:19|20)\\d{2})|\\s+(?i:(last|this|next)\\s+year))?");
  private static final Pattern ISO = Pattern.compile("(?<!\\d)((?:19|20)\\d{2})-(\\d{2})-(\\d{2})(?!\\d)");
  private static final Pattern YEAR = Pattern.compile("(?i:in|since|by|during|until)\\s+((?:19|20)\\d{2})(?![\\d-])");
  private static final Pattern REL_YEAR = Pattern.compile("(?i)\\b(last|this|next)\\s+year\\b");
  private static final Pattern WEEKDAY = Pattern.compile("(?:(?i:on|from|between)\\s+)?(?:(?i:(last|this|next|past|coming))\\s+)?" + W
      + "(?:" + TO + W + ")?(?:,?\\s+(?i:(last|this|next)\\s+week)\\b)?");
  private static final Pattern REL_PERIOD = Pattern.compile("(?i)\\b(?:(earlier|later)\\s+this\\s+(week|month)|(last|this|next|past)\\s+(week|month))\\b");
  private static final Pattern DAY_WORD = Pattern.compile("(?i)\\b(yesterday|today|tomorrow)\\b");
  /** "yesterday and today", "yesterday and the day before": two days said together. */
  private static final Pattern DAY_WORD_PAIR = Pattern.compile("(?i)\\b(yesterday|today)\\s+and\\s+(today|tomorrow|the\\s+day\\s+before)\\b");
  private static final Pattern ZH_RANGE = Pattern.compile("(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日?(?:至|到|-|—|－|~)(?:(\\d{1,2})月)?(\\d{1,2})日");
  private static final Pattern ZH_MD = Pattern.compile("(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})日");
  private static final Pattern ZH_YM = Pattern.compile("(\\d{4})年(\\d{1,2})月(?!\\d)");
  // "今年2月", "去年12月", or a bare "2月" (not followed by a day): a month resolved against the reference year.
  private static final Pattern ZH_REL_YM = Pattern.compile("(?:(去|今|明)年|(?<![\\d年]))(\\d{1,2})月(?!\\d{1,2}日)");
  private static final Pattern ZH_YEAR = Pattern.compile("(?<!\\d)((?:19|20)\\d{2})年(?!\\d{1,2}月)");
  // "16日", "9日至10日", "30至31日"; "下月16日" is next month's day.
  private static final Pattern ZH_D = Pattern.compile("(?<![\\d月年])(\\d{1,2})(?:日(?:(?:至|到|-|—)(\\d{1,2})日)?|(?:至|到)(\\d{1,2})日)");
  private static final Pattern ZH_WEEKDAY = Pattern.compile("(上|下|本|这)?(?:周|星期|礼拜)([一二三四五六日天])");
  private static final Pattern ZH_REL = Pattern.compile("(上周|本周|下周|昨天|今天|明天|去年|今年|明年|上月|本月|下月)");

  private static final List<String> WEEKDAY_NAMES = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday");
  private static final List<String> MONTH_NAMES = List.of("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec");
  private static final List<String> MONTH_STARTS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DIGITS = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
  private static final Rule R_RANGE_MD = new Rule(RANGE_MD, concat(List.of("from", "between"), MONTH_STARTS));
  private static final Rule R_RANGE_DM = new Rule(RANGE_DM, concat(List.of("from", "between"), DIGITS));
  private static final Rule R_MD = new Rule(MD, MONTH_STARTS);
  private static final Rule R_DM = new Rule(DM, DIGITS);
  private static final Rule R_ISO = new Rule(ISO, List.of("19", "20"));
  private static final Rule R_YEAR = new Rule(YEAR);
  private static final Rule R_MONTH = new Rule(MONTH);
  private static final Rule R_REL_YEAR = new Rule(REL_YEAR);
  private static final Rule R_WEEKDAY = new Rule(WEEKDAY, List.of("on", "from", "between", "last", "this", "next", "past", "coming",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"));
  private static final Rule R_REL_PERIOD = new Rule(REL_PERIOD);
  private static final Rule R_DAY_WORD = new Rule(DAY_WORD);
  private static final Rule R_DAY_WORD_PAIR = new Rule(DAY_WORD_PAIR);
  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6),
      Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
  private static final String ZH_DAYS = "一二三四五六日";

  private Dates() {
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /**
   * All date expressions in {@code text[from, to)}, non-overlapping, in text order. Expressions that need a
   * reference are skipped when {@code ref} is null.
   */
  public static List<DateMention> find(String text, int from, int to, LocalDate ref, boolean future) {
    return find(text, Gate.lower(text), from, to, ref, future);
  }

  /** As {@link #find(String, int, int, LocalDate, boolean)}, with {@code lower} the text lower-cased char by char. */
  public static List<DateMention> find(String text, String lower, int from, int to, LocalDate ref, boolean future) {
    List<DateMention> all = new ArrayList<>();
    // Literal pre-checks: a regex pass costs far more than a substring test, and most sentences have no date. The
    // rules only try their regex where one of their start words occurs. One pass over the span finds a digit, a
    // capitalised month name and a Chinese date character; the words are found by indexOf (each wholly inside).
    boolean digit = false;
    boolean zh = false;
    boolean month = false;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c <= '9') {
        digit |= c >= '0';
      } else if (c >= 'A' && c <= 'Z') {
        month = month || i + 3 <= to && isMonthNameAt(text, i);
      } else if (c >= 0x3000) {
        zh |= c == '月' || c == '日' || c == '周' || c == '星' || c == '年' || c == '天';
      }
    }
    boolean day = Gate.containsWithin(lower, "day", from, to);
    boolean year = Gate.containsWithin(lower, "year", from, to);
    boolean weekOrMonth = Gate.containsWithin(lower, "week", from, to) || Gate.containsWithin(lower, "month", from, to);
    boolean tomorrow = Gate.containsWithin(lower, "tomorrow", from, to);
    if (digit && month) {
      scan(R_RANGE_MD, RANGE_MD, text, lower, from, to, all, m -> rangeMd(m, ref, future));
      scan(R_RANGE_DM, RANGE_DM, text, lower, from, to, all, m -> rangeDm(m, ref, future));
      scan(R_MD, MD, text, lower, from, to, all, m -> singleDay(month(m.group(1)), m.group(2), m.group(3), ref, future));
      scan(R_DM, DM, text, lower, from, to, all, m -> singleDay(month(m.group(2)), m.group(1), m.group(3), ref, future));
    }
    if (digit && (Gate.containsWithin(lower, "19", from, to) || Gate.containsWithin(lower, "20", from, to))) {
      // Both need a year 19xx or 20xx.
      scan(R_ISO, ISO, text, lower, from, to, all, m -> safeDay(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
      scan(R_YEAR, YEAR, text, lower, from, to, all, m -> year(Integer.parseInt(m.group(1))));
    }
    if (month) {
      scan(R_MONTH, MONTH, text, lower, from, to, all, m -> monthOnly(m, ref, future));
    }
    if (year) {
      scan(R_REL_YEAR, REL_YEAR, text, lower, from, to, all, m -> ref == null ? null : year(ref.getYear() + offset(m.group(1))));
    }
    if (day && hasWeekdayName(text, from, to)) {
      scan(R_WEEKDAY, WEEKDAY, text, lower, from, to, all, m -> weekday(m, ref, future));
    }
    if (weekOrMonth) {
      scan(R_REL_PERIOD, REL_PERIOD, text, lower, from, to, all, m -> relPeriod(m, ref));
    }
    if (day || tomorrow) {
      scan(R_DAY_WORD, DAY_WORD, text, lower, from, to, all, m -> dayWord(m.group(1), ref));
      if (Gate.containsWithin(lower, " and ", from, to)) {
        scan(R_DAY_WORD_PAIR, DAY_WORD_PAIR, text, lower, from, to, all, m -> dayWordPair(m, ref));
      }
    }
    if (zh) {
      // Each Chinese pattern needs one of these characters; a span without it is not searched.
      boolean yue = Gate.containsWithin(text, "月", from, to);
      boolean ri = Gate.containsWithin(text, "日", from, to);
      boolean nian = Gate.containsWithin(text, "年", from, to);
      boolean zhou = Gate.containsWithin(text, "周", from, to);
      if (yue && ri) {
        scan(null, ZH_RANGE, text, lower, from, to, all, m -> zhRange(m, ref, future));
        scan(null, ZH_MD, text, lower, from, to, all, m -> zhDay(m.group(1), m.group(2), m.group(3), ref, future));
      }
      if (nian && yue) {
        scan(null, ZH_YM, text, lower, from, to, all, m -> month(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
      }
      if (yue) {
        scan(null, ZH_REL_YM, text, lower, from, to, all, m -> zhRelMonth(m, ref, future));
      }
      if (nian) {
        scan(null, ZH_YEAR, text, lower, from, to, all, m -> year(Integer.parseInt(m.group(1))));
      }
      if (ri) {
        scan(null, ZH_D, text, lower, from, to, all, m -> zhDayOnly(m, monthShifted(text, m.start(), ref)));
      }
      if (zhou || Gate.containsWithin(text, "星期", from, to) || Gate.containsWithin(text, "礼拜", from, to)) {
        scan(null, ZH_WEEKDAY, text, lower, from, to, all, m -> zhWeekday(m, ref, future));
      }
      if (zhou || yue || nian || Gate.containsWithin(text, "天", from, to)) {
        scan(null, ZH_REL, text, lower, from, to, all, m -> zhRel(m.group(1), ref));
      }
    }
    if (all.size() < 2) {
      return all;
    }
    // Longest expression wins where two overlap ("from June 13 to 17" over "June 13").
    all.sort(BY_START_LONGEST_FIRST);
    List<DateMention> kept = new ArrayList<>();
    int covered = -1;
    for (DateMention d : all) {
      if (d.start() >= covered) {
        kept.add(d);
        covered = d.end();
      }
    }
    return kept;
  }

  /** By start, then longest first; built once instead of a comparator chain per call. */
  private static final Comparator<DateMention> BY_START_LONGEST_FIRST = (a, b) -> {
    int c = Integer.compare(a.start(), b.start());
    return c != 0 ? c : Integer.compare(b.end() - b.start(), a.end() - a.start());
  };

  /** A capitalised weekday name in {@code text[from, to)}: the weekday pattern needs one. */
  private static boolean hasWeekdayName(String text, int from, int to) {
    for (String name : WEEKDAY_NAMES) {
      if (Gate.containsWithin(text, name, from, to)) {
        return true;
      }
    }
    return false;
  }

  /** A capitalised month name or abbreviation ("Jun", "Sept") at {@code text[i]}: every M pattern needs one. */
  private static boolean isMonthNameAt(String text, int i) {
    char c = text.charAt(i);
    if (c != 'J' && c != 'F' && c != 'M' && c != 'A' && c != 'S' && c != 'O' && c != 'N' && c != 'D') {
      return false;
    }
    for (String name : MONTH_NAMES) {
      if (text.startsWith(name, i)) {
        return true;
      }
    }
    return false;
  }

  private interface Resolver {
    LocalDate[] resolve(Matcher m);
  }

  private static void scan(Rule rule, Pattern p, String text, String lower, int from, int to, List<DateMention> out, Resolver resolver) {
    if (rule != null) {
      rule.forEach(text, lower, from, to, m -> add(p, m, out, resolver));
      return;
    }
    Matcher m = p.matcher(text).region(from, to);
    while (m.find()) {
      add(p, m, out, resolver);
    }
  }

  private static void add(Pattern p, Matcher m, List<DateMention> out, Resolver resolver) {
    LocalDate[] r;
    try {
      r = resolver.resolve(m);
    } catch (java.time.DateTimeException | NumberFormatException e) {
      // "February 30" and the like: not a date, so not evidence of one.
      r = null;
    }
    if (r != null) {
      Precision precision = r.length > 2 && r[2] != null ? Precision.values()[r[2].getDayOfMonth() - 1] : Precision.DAY;
      boolean relative = p == WEEKDAY || p == REL_PERIOD || p == DAY_WORD || p == ZH_WEEKDAY || p == ZH_REL || p == REL_YEAR;
      out.add(new DateMention(m.start(), m.end(), m.group(), r[0], r[1], precision, relative));
    }
  }

  /** Encodes a precision in the third slot of a resolver result, to keep the resolvers one-liners. */
  private static LocalDate[] result(LocalDate from, LocalDate to, Precision precision) {
    return new LocalDate[] {from, to, LocalDate.of(2000, 1, precision.ordinal() + 1)};
  }

  private static LocalDate[] rangeMd(Matcher m, LocalDate ref, boolean future) {
    int m1 = month(m.group(1));
    int m2 = m.group(4) == null ? m1 : month(m.group(4));
    String year = m.group(6) != null ? m.group(6) : m.group(3);
    return range(m1, Integer.parseInt(m.group(2)), m2, Integer.parseInt(m.group(5)), year, ref, future);
  }

  private static LocalDate[] rangeDm(Matcher m, LocalDate ref, boolean future) {
    int mo = month(m.group(4));
    int first = m.group(2) == null ? mo : month(m.group(2));
    return range(first, Integer.parseInt(m.group(1)), mo, Integer.parseInt(m.group(3)), m.group(5), ref, future);
  }

  private static LocalDate[] range(int m1, int d1, int m2, int d2, String year, LocalDate ref, boolean future) {
    LocalDate start = year != null ? LocalDate.of(Integer.parseInt(year), m1, d1) : inferYear(m1, d1, ref, future);
    if (start == null) {
      return null;
    }
    LocalDate end = LocalDate.of(start.getYear(), m2, d2);
    if (end.isBefore(start)) {
      end = end.plusYears(1);
    }
    if (end.isAfter(start.plusDays(31))) {
      return null;
    }
    return result(start, end, Precision.DAY);
  }

  private static LocalDate[] singleDay(int month, String day, String year, LocalDate ref, boolean future) {
    LocalDate d = year != null ? LocalDate.of(Integer.parseInt(year), month, Integer.parseInt(day)) : inferYear(month, Integer.parseInt(day), ref, future);
    return d == null ? null : result(d, d, Precision.DAY);
  }

  private static LocalDate[] safeDay(int y, int mo, int d) {
    LocalDate date = LocalDate.of(y, mo, d);
    return result(date, date, Precision.DAY);
  }

  /** Year of a month-day without one: the reference year, unless that puts a past event in the future or vice versa. */
  private static LocalDate inferYear(int month, int day, LocalDate ref, boolean future) {
    if (ref == null) {
      return null;
    }
    LocalDate d = LocalDate.of(ref.getYear(), month, day == 29 && month == 2 ? 28 : day);
    if (day == 29 && month == 2) {
      d = d.withDayOfMonth(d.lengthOfMonth());
    }
    if (!future && d.isAfter(ref.plusDays(31))) {
      d = d.minusYears(1);
    } else if (future && d.isBefore(ref.minusDays(31))) {
      d = d.plusYears(1);
    }
    return d;
  }

  private static LocalDate[] monthOnly(Matcher m, LocalDate ref, boolean future) {
    int mo = month(m.group(1));
    int year;
    if (m.group(2) != null) {
      year = Integer.parseInt(m.group(2));
    } else if (ref == null) {
      return null;
    } else if (m.group(3) != null) {
      year = ref.getYear() + offset(m.group(3));
    } else {
      year = ref.getYear();
      if (!future && mo > ref.getMonthValue() + 1) {
        year--;
      } else if (future && mo < ref.getMonthValue() - 1) {
        year++;
      }
    }
    return month(year, mo);
  }

  private static LocalDate[] month(int year, int month) {
    LocalDate start = LocalDate.of(year, month, 1);
    return result(start, start.with(TemporalAdjusters.lastDayOfMonth()), Precision.MONTH);
  }

  private static LocalDate[] year(int year) {
    return result(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), Precision.YEAR);
  }

  private static LocalDate[] weekday(Matcher m, LocalDate ref, boolean future) {
    if (ref == null) {
      return null;
    }
    String qualifier = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
    DayOfWeek first = DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
    LocalDate start;
    if (m.group(4) != null) {
      // "on Tuesday last week": that weekday in the named calendar week (weeks start on Monday).
      LocalDate monday = ref.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(offset(m.group(4)));
      start = monday.with(TemporalAdjusters.nextOrSame(first));
      LocalDate end = m.group(3) == null ? start : start.with(TemporalAdjusters.nextOrSame(DayOfWeek.valueOf(m.group(3).toUpperCase(Locale.ROOT))));
      return result(start, end, Precision.DAY);
    }
    switch (qualifier) {
      case "last", "past" -> start = ref.with(TemporalAdjusters.previous(first));
      case "next", "coming" -> start = ref.with(TemporalAdjusters.next(first));
      case "this" -> start = ref.with(future ? TemporalAdjusters.nextOrSame(first) : TemporalAdjusters.previousOrSame(first));
      default -> start = ref.with(future ? TemporalAdjusters.nextOrSame(first) : TemporalAdjusters.previousOrSame(first));
    }
    LocalDate end = start;
    if (m.group(3) != null) {
      DayOfWeek second = DayOfWeek.valueOf(m.group(3).toUpperCase(Locale.ROOT));
      end = start.with(TemporalAdjusters.nextOrSame(second));
      if (!future && qualifier.isEmpty() && end.isAfter(ref)) {
        // "held on Monday and Tuesday" said on a Tuesday: both days are behind us. "next Wednesday and Thursday" stays
        // ahead even in a past-tense sentence ("had been due to take place next ...").
        start = start.minusWeeks(1);
        end = end.minusWeeks(1);
      }
    }
    return result(start, end, Precision.DAY);
  }

  private static LocalDate[] relPeriod(Matcher m, LocalDate ref) {
    if (ref == null) {
      return null;
    }
    String unit = (m.group(2) != null ? m.group(2) : m.group(4)).toLowerCase(Locale.ROOT);
    int offset = m.group(3) == null ? 0 : offset(m.group(3));
    if (unit.equals("week")) {
      LocalDate monday = ref.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(offset);
      return result(monday, monday.plusDays(6), Precision.WEEK);
    }
    YearMonth ym = YearMonth.from(ref).plusMonths(offset);
    return month(ym.getYear(), ym.getMonthValue());
  }

  private static LocalDate[] dayWord(String word, LocalDate ref) {
    if (ref == null) {
      return null;
    }
    LocalDate d = switch (word.toLowerCase(Locale.ROOT)) {
      case "yesterday" -> ref.minusDays(1);
      case "tomorrow" -> ref.plusDays(1);
      default -> ref;
    };
    return result(d, d, Precision.DAY);
  }

  private static LocalDate[] dayWordPair(Matcher m, LocalDate ref) {
    LocalDate[] first = dayWord(m.group(1), ref);
    if (first == null) {
      return null;
    }
    String second = m.group(2).toLowerCase(Locale.ROOT);
    LocalDate other = second.startsWith("the") ? first[0].minusDays(1) : dayWord(second, ref)[0];
    return other.isBefore(first[0]) ? result(other, first[0], Precision.DAY) : result(first[0], other, Precision.DAY);
  }

  private static LocalDate[] zhRange(Matcher m, LocalDate ref, boolean future) {
    int m1 = Integer.parseInt(m.group(2));
    int m2 = m.group(4) == null ? m1 : Integer.parseInt(m.group(4));
    return range(m1, Integer.parseInt(m.group(3)), m2, Integer.parseInt(m.group(5)), m.group(1), ref, future);
  }

  private static LocalDate[] zhDay(String year, String month, String day, LocalDate ref, boolean future) {
    return singleDay(Integer.parseInt(month), day, year, ref, future);
  }

  private static LocalDate[] zhRelMonth(Matcher m, LocalDate ref, boolean future) {
    if (ref == null) {
      return null;
    }
    int mo = Integer.parseInt(m.group(2));
    if (mo < 1 || mo > 12) {
      return null;
    }
    int year = ref.getYear();
    if (m.group(1) != null) {
      year += switch (m.group(1)) {
        case "去" -> -1;
        case "明" -> 1;
        default -> 0;
      };
    } else if (!future && mo > ref.getMonthValue() + 1) {
      year--;
    } else if (future && mo < ref.getMonthValue() - 1) {
      year++;
    }
    return month(year, mo);
  }

  private static LocalDate[] zhDayOnly(Matcher m, LocalDate ref) {
    if (ref == null) {
      return null;
    }
    String endDay = m.group(2) != null ? m.group(2) : m.group(3);
    try {
      LocalDate start = ref.withDayOfMonth(Integer.parseInt(m.group(1)));
      LocalDate end = endDay == null ? start : ref.withDayOfMonth(Integer.parseInt(endDay));
      return end.isBefore(start) ? null : result(start, end, Precision.DAY);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** The reference moved to next or last month when "下月"/"上月" comes right before {@code at}. */
  private static LocalDate monthShifted(String text, int at, LocalDate ref) {
    if (ref == null || at < 2) {
      return ref;
    }
    return text.startsWith("下月", at - 2) ? ref.plusMonths(1) : text.startsWith("上月", at - 2) ? ref.minusMonths(1) : ref;
  }

  private static LocalDate[] zhWeekday(Matcher m, LocalDate ref, boolean future) {
    if (ref == null) {
      return null;
    }
    int idx = ZH_DAYS.indexOf(m.group(2).equals("天") ? "日" : m.group(2));
    DayOfWeek day = DayOfWeek.of(idx + 1);
    String q = m.group(1) == null ? "" : m.group(1);
    LocalDate d = switch (q) {
      case "上" -> ref.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1).with(TemporalAdjusters.nextOrSame(day));
      case "下" -> ref.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(1).with(TemporalAdjusters.nextOrSame(day));
      case "本", "这" -> ref.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).with(TemporalAdjusters.nextOrSame(day));
      default -> ref.with(future ? TemporalAdjusters.nextOrSame(day) : TemporalAdjusters.previousOrSame(day));
    };
    return result(d, d, Precision.DAY);
  }

  private static LocalDate[] zhRel(String word, LocalDate ref) {
    if (ref == null) {
      return null;
    }
    LocalDate monday = ref.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return switch (word) {
      case "上周" -> result(monday.minusWeeks(1), monday.minusDays(1), Precision.WEEK);
      case "本周" -> result(monday, monday.plusDays(6), Precision.WEEK);
      case "下周" -> result(monday.plusWeeks(1), monday.plusDays(13), Precision.WEEK);
      case "昨天" -> result(ref.minusDays(1), ref.minusDays(1), Precision.DAY);
      case "今天" -> result(ref, ref, Precision.DAY);
      case "明天" -> result(ref.plusDays(1), ref.plusDays(1), Precision.DAY);
      case "去年" -> year(ref.getYear() - 1);
      case "今年" -> year(ref.getYear());
      case "明年" -> year(ref.getYear() + 1);
      case "上月" -> month(YearMonth.from(ref).minusMonths(1).getYear(), YearMonth.from(ref).minusMonths(1).getMonthValue());
      case "下月" -> month(YearMonth.from(ref).plusMonths(1).getYear(), YearMonth.from(ref).plusMonths(1).getMonthValue());
      default -> month(ref.getYear(), ref.getMonthValue());
    };
  }

  private static int month(String name) {
    return MONTHS.get(name.substring(0, 3).toLowerCase(Locale.ROOT));
  }

  private static int offset(String word) {
    return switch (word.toLowerCase(Locale.ROOT)) {
      case "last", "past" -> -1;
      case "next" -> 1;
      default -> 0;
    };
  }
}
