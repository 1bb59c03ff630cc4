package dev.wirewatch.classify.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an article's reference points: its dateline ("WASHINGTON, July 25 (Xinhua)", "新华社北京3月2日电") with city
 * and day, its publication day in Beijing time, and where the dateline prefix of the body ends (places before it are
 * where the story was filed, not where a round met).
 */
final class Datelines {

  /** Wire times are Beijing time. */
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

  private static final String MONTHS = "(January|February|March|April|May|June|July|August|September|October|November|December"
      + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?";
  private static final Pattern DATELINE = Pattern.compile(
      "^\\s*(\\p{Lu}[\\p{L} .,'’-]{1,40}?),\\s*" + MONTHS + "\\s+(\\d{1,2})(?!\\d)");
  // "Brussels, 8 December 2014", "Berne, 31.03.2006": day first, with the year.
  private static final Pattern DAY_FIRST_DATELINE = Pattern.compile(
      "^\\s*(\\p{Lu}[\\p{L} .'’-]{1,40}?),\\s*(?:(\\d{1,2})\\s+" + MONTHS + "|(\\d{1,2})\\.(\\d{1,2})\\.)\\s*(\\d{4})");
  // "BEIJING—", "GENEVA –", "BERN": a city with no day, in capitals before a dash or alone (a declared dateline may
  // also be written "Washington, DC").
  private static final Pattern CITY_DATELINE = Pattern.compile("^\\s*(\\p{Lu}[\\p{Lu} .'’-]{1,30}?)\\s*(?:[-—–]|,\\s*\\p{Lu}{2}\\b|$)");
  private static final Pattern ZH_DATELINE = Pattern.compile("^\\s*(?:新华社|中新社|中新网)?(\\p{IsHan}{2,4}?)(\\d{1,2})月(\\d{1,2})日电");
  private static final Pattern DATELINE_PREFIX = Pattern.compile(
      "^\\s*(?:[^\\n]{0,80}?\\((?:Xinhua|ECNS|Reuters|AP|AFP|CNS|Chinanews|Global Times|China Daily)\\)\\s*[-—–]+|\\p{Lu}[\\p{Lu} .,'’-]{1,40},\\s*"
          + MONTHS + "\\s+\\d{1,2}\\s*[-—–]+|\\p{Lu}[\\p{Lu} .'’-]{1,30}?\\s*[-—–]+(?=\\s)|\\p{Lu}[\\p{L} .'’-]{1,40},\\s*\\d{1,2}\\s+"
          + MONTHS + "\\s+\\d{4}\\s*[-—–]+|(?:新华社|中新社|中新网)?\\p{IsHan}{0,6}\\d{1,2}月\\d{1,2}日电(?:（[^）]{0,20}）)?)");
  /** A leading photo caption paragraph. */
  private static final Pattern CAPTION = Pattern.compile("^\\s*(?:(?i:photo|file photo|picture|caption)\\s*:|图为|图片|资料图)[^\\n]{0,300}\\n\\s*");
  private static final List<String> MONTH_KEYS = List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

  /** The dateline's city and day, either possibly null. */
  record Dateline(String city, LocalDate date) {
  }

  private Datelines() {
  }

  /**
   * Where the dateline prefix at the start of {@code body} ends, or 0 when it has none. A photo caption before it
   * ("Photo: ... June 12, 2024.") is part of the prefix: its date is the picture's, not the round's.
   */
  static int prefixEnd(String body) {
    int from = 0;
    Matcher caption = CAPTION.matcher(body);
    if (caption.lookingAt()) {
      from = caption.end();
    }
    Matcher prefix = DATELINE_PREFIX.matcher(body).region(from, body.length());
    // Anchored at the start of the body: lookingAt, not a find that would try every position.
    return prefix.lookingAt() ? prefix.end() : from;
  }

  /** The publication day in Beijing time, or null when {@code publishedAt} is missing or unreadable. */
  static LocalDate publishedDay(String publishedAt) {
    return publishedDay(publishedAt, BEIJING);
  }

  /**
   * The publication day in {@code zone} (the dateline city's), or, when {@code zone} is null, on the clock the time
   * is written in; null when {@code publishedAt} is missing or unreadable.
   */
  static LocalDate publishedDay(String publishedAt, ZoneId zone) {
    if (publishedAt == null || publishedAt.isBlank()) {
      return null;
    }
    if (publishedAt.length() >= 16 && publishedAt.endsWith("+08:00") && (zone == null || zone.equals(BEIJING))
        && publishedAt.charAt(4) == '-' && publishedAt.charAt(7) == '-'
        && publishedAt.charAt(10) == 'T' && allDigits(publishedAt, 0, 4) && allDigits(publishedAt, 5, 7) && allDigits(publishedAt, 8, 10)) {
      // Already Beijing time: the day is the first ten characters (the full parser costs more than the rest of a
      // short article's pre-checks).
      try {
        return LocalDate.of(Integer.parseInt(publishedAt, 0, 4, 10), Integer.parseInt(publishedAt, 5, 7, 10),
            Integer.parseInt(publishedAt, 8, 10, 10));
      } catch (DateTimeException e) {
        return null;
      }
    }
    try {
      OffsetDateTime t = OffsetDateTime.parse(publishedAt);
      return zone == null ? t.toLocalDate() : t.atZoneSameInstant(zone).toLocalDate();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(publishedAt.substring(0, Math.min(10, publishedAt.length())));
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** The declared dateline, else the body's first line, read against the publication day. */
  static Dateline dateline(String declared, String body, LocalDate published) {
    boolean isDeclared = declared != null && !declared.isBlank();
    String line = isDeclared ? declared : firstLine(body);
    Matcher m = DATELINE.matcher(line);
    if (m.find()) {
      String city = titleCase(m.group(1).trim());
      if (published == null) {
        return new Dateline(city, null);
      }
      return new Dateline(city, day(published, monthNumber(m.group(2)), Integer.parseInt(m.group(3))));
    }
    Matcher d = DAY_FIRST_DATELINE.matcher(line);
    if (d.lookingAt()) {
      int month = d.group(3) != null ? monthNumber(d.group(3)) : Integer.parseInt(d.group(5));
      int day = Integer.parseInt(d.group(2) != null ? d.group(2) : d.group(4));
      try {
        return new Dateline(titleCase(d.group(1).trim()), LocalDate.of(Integer.parseInt(d.group(6)), month, day));
      } catch (DateTimeException e) {
        return new Dateline(titleCase(d.group(1).trim()), null);
      }
    }
    Matcher z = ZH_DATELINE.matcher(line);
    if (z.find() && published != null) {
      return new Dateline(z.group(1), day(published, Integer.parseInt(z.group(2)), Integer.parseInt(z.group(3))));
    }
    Matcher c = CITY_DATELINE.matcher(line);
    // In the body only the capitals-and-dash form is a dateline; a declared one may be the city alone.
    if (c.lookingAt() && (isDeclared || endsWithDash(c.group()) && c.group(1).equals(c.group(1).toUpperCase(Locale.ROOT)))) {
      return new Dateline(titleCase(c.group(1).trim()), null);
    }
    return new Dateline(null, null);
  }

  /** The dateline's city as written, before any day is read (its time zone decides the publication day). */
  static String city(String declared, String body) {
    Dateline d = dateline(declared, body, null);
    if (d.city() != null) {
      return d.city();
    }
    String line = declared != null && !declared.isBlank() ? declared : firstLine(body);
    Matcher z = ZH_DATELINE.matcher(line);
    return z.find() ? z.group(1) : null;
  }

  /** The day in the publication's year, or null when there is no such day. */
  private static LocalDate day(LocalDate published, int month, int day) {
    try {
      LocalDate d = LocalDate.of(published.getYear(), month, day);
      // A story datelined Dec. 31 and published on Jan. 1 Beijing time belongs to the old year.
      return d.isAfter(published.plusDays(2)) ? d.minusYears(1) : d;
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static boolean endsWithDash(String s) {
    String t = s.strip();
    char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
    return last == '-' || last == '—' || last == '–';
  }

  private static boolean allDigits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static String firstLine(String body) {
    int nl = body.indexOf('\n');
    return nl < 0 ? body.substring(0, Math.min(body.length(), 200)) : body.substring(0, nl);
  }

  private static int monthNumber(String name) {
    return MONTH_KEYS.indexOf(name.substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
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
