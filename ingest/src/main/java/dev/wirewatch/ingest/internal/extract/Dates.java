package dev.wirewatch.ingest.internal.extract;

import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds publication times in page text, meta values and URLs. Wire times without a zone are Beijing time. */
public final class Dates {

  public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  static final DateTimeFormatter OUTPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  /** "2024-06-18 20:45:15", "2024/06/18 20:45", "2024年06月18日 20:45", Xinhua's "2024 06/18 20:45:15". */
  private static final Pattern DATE_TIME = Pattern.compile(
      "(20\\d{2}|19\\d{2})\\s*[-/.年\\s]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?"
          + "(?:[^\\d]{0,4}?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?(\\s*(?:GMT|UTC))?");
  private static final Pattern[] URL_DATES = {
      Pattern.compile("/(20\\d{2})(\\d{2})(\\d{2})/"),
      Pattern.compile("/(20\\d{2})-(\\d{2})/(\\d{2})/"),
      Pattern.compile("/(20\\d{2})-(\\d{2})-(\\d{2})/"),
      Pattern.compile("/(20\\d{2})/(\\d{2})-(\\d{2})/"),
      Pattern.compile("/(20\\d{2})/(\\d{2})/(\\d{2})/"),
  };

  private Dates() {
  }

  /** The first date (and time) written in {@code text}; GMT/UTC stamps are converted to Beijing time. */
  static Optional<OffsetDateTime> inText(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = DATE_TIME.matcher(text);
    while (m.find()) {
      try {
        LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
        LocalDateTime at = m.group(4) == null
            ? date.atStartOfDay()
            : date.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
        if (m.group(7) != null) {
          return Optional.of(at.atOffset(ZoneOffset.UTC).atZoneSameInstant(BEIJING).toOffsetDateTime());
        }
        return Optional.of(at.atZone(BEIJING).toOffsetDateTime());
      } catch (DateTimeException | NumberFormatException e) {
        // Not a real date ("2024-13-45"); keep looking further on.
      }
    }
    return Optional.empty();
  }

  /** An ISO-8601 value from a meta tag or time element; without a zone it is Beijing time. */
  static Optional<OffsetDateTime> iso(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    try {
      return Optional.of(OffsetDateTime.parse(v));
    } catch (DateTimeParseException e) {
      // try the forms below
    }
    try {
      return Optional.of(ZonedDateTime.parse(v).toOffsetDateTime());
    } catch (DateTimeParseException e) {
      // try the forms below
    }
    try {
      return Optional.of(LocalDateTime.parse(v).atZone(BEIJING).toOffsetDateTime());
    } catch (DateTimeParseException e) {
      // try the forms below
    }
    return inText(v);
  }

  /** The date a URL path carries (Xinhua and ECNS put it there), at midnight Beijing time. */
  public static Optional<OffsetDateTime> inUrl(URI url) {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    for (Pattern p : URL_DATES) {
      Matcher m = p.matcher(path);
      if (m.find()) {
        try {
          return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3))).atStartOfDay(BEIJING).toOffsetDateTime());
        } catch (DateTimeException e) {
          // digits that are no date; try the next form
        }
      }
    }
    return Optional.empty();
  }

  static String format(OffsetDateTime t) {
    return OUTPUT.format(t);
  }
}
