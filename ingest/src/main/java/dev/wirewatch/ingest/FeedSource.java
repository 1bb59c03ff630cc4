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
 * @param interval time between two polls of this feed when all is well
 */
public record FeedSource(String source, URI url, Duration interval) {

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

  /** A feed polled every {@link #DEFAULT_INTERVAL}. */
  public static FeedSource of(String source, String url) {
    return new FeedSource(source, URI.create(Objects.requireNonNull(url, "url")), DEFAULT_INTERVAL);
  }
}
