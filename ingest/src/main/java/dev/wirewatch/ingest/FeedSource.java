package dev.wirewatch.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured source: an RSS/Atom feed or an HTML list page.
 *
 * @param source the site profile used for the source's article pages: {@code xinhua}, {@code ecns}, or any other
 *     name (generic extraction)
 * @param url the feed's or list page's http(s) URL
 * @param interval time between two polls of this source when all is well (the configured interval; see
 *     {@link IngestService} for how it adapts to how often the source changes)
 * @param ignoreRobots fetch this source's article pages without consulting robots.txt (for sites whose owners
 *     agreed to it); by default robots.txt is obeyed
 * @param kind what the URL serves; null: decided by each answer (an XML feed, or an HTML page)
 * @param linkPattern on a list page without a data source, the article links are those whose absolute URL this
 *     regex finds; null: the profile's own article-URL pattern (Xinhua, ECNS). A generic list needs one.
 */
public record FeedSource(String source, URI url, Duration interval, boolean ignoreRobots, Kind kind,
    Pattern linkPattern) {

  /** Interval used by {@link #of(String, String)}. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

  /** What a source serves. */
  public enum Kind {
    /** An RSS or Atom feed. */
    FEED,
    /** An HTML page listing articles, with or without a JSON data source. */
    LIST;

    /** The configuration and FeedStatus spelling: {@code feed} or {@code list}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code feed} or {@code list}, any case. */
    public static Kind parse(String text) {
      String t = Objects.requireNonNull(text, "kind").trim().toLowerCase(Locale.ROOT);
      return switch (t) {
        case "feed" -> FEED;
        case "list" -> LIST;
        default -> throw new IllegalArgumentException("kind must be feed or list, was '" + text + "'");
      };
    }
  }

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
    if (kind == Kind.LIST && linkPattern == null && !hasArticlePattern(source)) {
      throw new IllegalArgumentException("a " + source + " list page needs a linkPattern (a regex for its article "
          + "links): " + url);
    }
  }

  /** A feed that obeys robots.txt, its kind decided by the answer. */
  public FeedSource(String source, URI url, Duration interval) {
    this(source, url, interval, false, null, null);
  }

  /** This source with robots.txt ignored ({@code true}) or obeyed ({@code false}) for its article pages. */
  public FeedSource withIgnoreRobots(boolean value) {
    return new FeedSource(source, url, interval, value, kind, linkPattern);
  }

  /** This source declared as a feed or a list page; null: decided by the answer. */
  public FeedSource withKind(Kind value) {
    return new FeedSource(source, url, interval, ignoreRobots, value, linkPattern);
  }

  /** This source with its own article-link pattern for list pages; null: the profile's. */
  public FeedSource withLinkPattern(Pattern value) {
    return new FeedSource(source, url, interval, ignoreRobots, kind, value);
  }

  /** A feed polled every {@link #DEFAULT_INTERVAL}. */
  public static FeedSource of(String source, String url) {
    return new FeedSource(source, URI.create(Objects.requireNonNull(url, "url")), DEFAULT_INTERVAL);
  }

  /** True for the profiles that know their article URLs (xinhua, ecns), so their list pages need no pattern. */
  public static boolean hasArticlePattern(String source) {
    // The profiles' patterns live in one place, beside the list reader that applies them.
    return dev.wirewatch.ingest.internal.list.ArticleLinks.forSource(source, null).isPresent();
  }
}
