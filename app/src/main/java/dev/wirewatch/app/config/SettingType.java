package dev.wirewatch.app.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the text of one setting becomes a value, and which values are allowed: every limit a stage would
 * otherwise find out about at start-up is checked here, when the configuration is read.
 *
 * @param <T> the value's Java type
 */
public interface SettingType<T> {

  /**
   * The value of {@code text}.
   *
   * @throws IllegalArgumentException when the text is not an allowed value (the message is not shown: the
   *     caller names the key, the value and {@link #allowed()})
   */
  T parse(String text);

  /** What is allowed, for error messages: "a duration from 1s to 30d". */
  String allowed();

  /** A duration written 500ms, 30s, 5m, 1h, 1d or as bare seconds, from {@code min} to {@code max}. */
  static SettingType<Duration> duration(Duration min, Duration max) {
    String allowed = "a duration from " + Durations.format(min) + " to " + Durations.format(max) + " (e.g. 30s, 5m, 1h)";
    return new Simple<>(allowed, text -> {
      Duration d = Durations.parse(text).orElseThrow(IllegalArgumentException::new);
      if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
        throw new IllegalArgumentException();
      }
      return d;
    });
  }

  /** A whole number from {@code min} to {@code max}. */
  static SettingType<Integer> integer(int min, int max) {
    return new Simple<>("a whole number from " + min + " to " + max, text -> {
      int n = parseInt(text);
      if (n < min || n > max) {
        throw new IllegalArgumentException();
      }
      return n;
    });
  }

  /** A whole number in {@code ranges} (pairs of inclusive bounds), described as {@code allowed}. */
  static SettingType<Integer> integerIn(String allowed, int... ranges) {
    return new Simple<>(allowed, text -> {
      int n = parseInt(text);
      for (int i = 0; i + 1 < ranges.length; i += 2) {
        if (n >= ranges[i] && n <= ranges[i + 1]) {
          return n;
        }
      }
      throw new IllegalArgumentException();
    });
  }

  /** true or false. */
  static SettingType<Boolean> bool() {
    return new Simple<>("true or false", text -> switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException();
    });
  }

  /** Any text on one line (kept as written), at most {@code maxLength} characters; empty when {@code mayBeEmpty}. */
  static SettingType<String> line(boolean mayBeEmpty, int maxLength) {
    String allowed = (mayBeEmpty ? "" : "non-empty ") + "text on one line, at most " + maxLength + " characters";
    return new Simple<>(allowed, text -> {
      if (text.length() > maxLength || text.contains("\n") || text.contains("\r") || !mayBeEmpty && text.isBlank()) {
        throw new IllegalArgumentException();
      }
      return text;
    });
  }

  /** A name of letters, digits, '.', '_' and '-' (what Kafka accepts for ids and group names). */
  static SettingType<String> name() {
    Pattern valid = Pattern.compile("[A-Za-z0-9._-]{1,200}");
    return new Simple<>("a name of letters, digits, '.', '_' and '-' (1 to 200 characters)", text -> {
      if (!valid.matcher(text.trim()).matches()) {
        throw new IllegalArgumentException();
      }
      return text.trim();
    });
  }

  /** Comma-separated host names (or host:port), possibly none. */
  static SettingType<List<String>> hosts() {
    Pattern host = Pattern.compile("[A-Za-z0-9._-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");
    return new Simple<>("comma-separated host names, e.g. example.org,news.example.com:8443", text -> {
      List<String> hosts = Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
      if (hosts.stream().anyMatch(h -> h.length() > 253 || !host.matcher(h).matches())) {
        throw new IllegalArgumentException();
      }
      return hosts;
    });
  }

  /** Empty (the SQLite file under data.dir), or a jdbc:sqlite: or jdbc:postgresql: URL. */
  static SettingType<String> jdbcUrl() {
    return new Simple<>("empty, or a jdbc:sqlite: or jdbc:postgresql: URL", text -> {
      String lower = text.trim().toLowerCase(Locale.ROOT);
      if (!lower.isEmpty() && !lower.startsWith("jdbc:sqlite:") && !lower.startsWith("jdbc:postgresql:")
          || text.contains("\n")) {
        throw new IllegalArgumentException();
      }
      return text.trim();
    });
  }

  private static int parseInt(String text) {
    String t = text.trim();
    if (!t.matches("[+-]?\\d{1,40}")) {
      throw new IllegalArgumentException();
    }
    // Compared as a big number so that 99999999999 is "out of range", not "not a number".
    BigInteger n = new BigInteger(t);
    return n.bitLength() < 32 ? n.intValue() : n.signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
  }

  /** A type from a description and a parsing function. */
  record Simple<T>(String allowed, java.util.function.Function<String, T> parser) implements SettingType<T> {

    public Simple {
      Objects.requireNonNull(allowed, "allowed");
      Objects.requireNonNull(parser, "parser");
    }

    @Override
    public T parse(String text) {
      return parser.apply(Objects.requireNonNull(text, "text"));
    }
  }

  /** Duration text: 500ms, 30s, 5m, 1h, 1d, or a bare number of seconds; never an overflow. */
  final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h|d)?");

    private Durations() {
    }

    static java.util.Optional<Duration> parse(String text) {
      Matcher m = DURATION.matcher(text == null ? "" : text.trim());
      if (!m.matches()) {
        return java.util.Optional.empty();
      }
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      try {
        return java.util.Optional.of(switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofSeconds(n);
        });
      } catch (ArithmeticException tooLarge) {
        return java.util.Optional.empty();
      }
    }

    /** The shortest exact form: 1d, 5m, 30s, 200ms. */
    static String format(Duration d) {
      long ms = d.toMillis();
      if (ms % 86_400_000 == 0 && ms > 0) {
        return ms / 86_400_000 + "d";
      }
      if (ms % 3_600_000 == 0 && ms > 0) {
        return ms / 3_600_000 + "h";
      }
      if (ms % 60_000 == 0 && ms > 0) {
        return ms / 60_000 + "m";
      }
      return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
  }
}
