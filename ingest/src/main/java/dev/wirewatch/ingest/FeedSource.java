package dev.wirewatch.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One configured feed.
 *
 * @param source the site profile used for the feed's article pages: {@code xinhua}, {@code ecns}, or any other
 *     name (generic extraction)
 * @param url the feed's http(s) URL
 * @param interval time between two polls of this feed when all is well (the configured interval; see
 *     {@link IngestService} for how it adapts to how often the feed changes)
 * @param ignoreRobots fetch this feed's article pages without consulting robots.txt (for sites whose owners
 *     agreed to it); by default robots.txt is obeyed
 */
public record FeedSource(String source, URI url, Duration interval, boolean ignoreRobots) {

  /** Interval used by {@link #of(String, String)}. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  public FeedSource {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(interval, "interval");
    source = source.trim().toLowerCase(Locale.ROOT);
    if (source.isEmpty()) {
      throw new IllegalArgumentException("source must not be blank");
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException("url must be an absolute http(s) URL with a host: " + url);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
  }

  /** A feed that obeys robots.txt. */
  public FeedSource(String source, URI url, Duration interval) {
    this(source, url, interval, false);
  }

  /** This feed with robots.txt ignored ({@code true}) or obeyed ({@code false}) for its article pages. */
  public FeedSource withIgnoreRobots(boolean value) {
    return new FeedSource(source, url, interval, value);
  }

  /** A feed polled every {@link #DEFAULT_INTERVAL}. */
  public static FeedSource of(String source, String url) {
    return new FeedSource(source, URI.create(Objects.requireNonNull(url, "url")), DEFAULT_INTERVAL);
  }
}
