package dev.wirewatch.ingest;

import dev.wirewatch.ingest.internal.fetch.HostPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the ingest stage fetches. {@link #defaults(List)} documents every default; the {@code with...} methods
 * override one value each.
 *
 * @param feeds the feeds to poll
 * @param userAgent the User-Agent header sent with every request
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout time allowed from sending a request until its whole (size-capped) body has arrived
 * @param maxFeedBytes largest feed body read; a bigger feed is an error (a cut feed is not valid XML)
 * @param maxPageBytes largest article page read; the rest is dropped and the article is marked truncated
 * @param archivePages keep the fetched page bytes and charset on each RawArticle (for replay)
 * @param allowedHosts hosts that may be fetched besides the feed hosts and the article hosts feeds link to
 *     ({@code host} for its ports 80 and 443, {@code host:port} for another port); like feed origins they are
 *     "named in the configuration" and so may resolve to private addresses
 * @param perHostDelay minimum time between two requests to the same host and port
 * @param maxRedirects redirects followed per request; each hop is checked against the host policy again
 * @param maxItemAge while polling, items published longer ago than this are not fetched (counted as too old);
 *     zero turns the gate off
 * @param staleAfter a source whose newest item is older than this is {@code stale}
 */
public record IngestSettings(
    List<FeedSource> feeds,
    String userAgent,
    Duration connectTimeout,
    Duration readTimeout,
    int maxFeedBytes,
    int maxPageBytes,
    boolean archivePages,
    Set<String> allowedHosts,
    Duration perHostDelay,
    int maxRedirects,
    Duration maxItemAge,
    Duration staleAfter) {

  /** Default User-Agent: names the tool so site operators can tell who is fetching. */
  public static final String DEFAULT_USER_AGENT = "wirewatch/0.1 (news-event research crawler)";
  /** Default connect timeout: 10 s. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default read timeout: 30 s for headers and body together. */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  /** Default maximum feed size: 5 MiB. */
  public static final int DEFAULT_MAX_FEED_BYTES = 5 * 1024 * 1024;
  /** Default maximum page size: 2 MiB, well below the topic's maximum record size. */
  public static final int DEFAULT_MAX_PAGE_BYTES = 2 * 1024 * 1024;
  /** Default politeness: at most one request per second to a host. */
  public static final Duration DEFAULT_PER_HOST_DELAY = Duration.ofSeconds(1);
  /** Default redirect limit: 5 hops. */
  public static final int DEFAULT_MAX_REDIRECTS = 5;

  /** Default age gate: 30 days; a dead feed's years-old items are not news. */
  public static final Duration DEFAULT_MAX_ITEM_AGE = Duration.ofDays(30);
  /** Default staleness: no new item for 3 days. */
  public static final Duration DEFAULT_STALE_AFTER = Duration.ofDays(3);


  public IngestSettings {
    feeds = List.copyOf(Objects.requireNonNull(feeds, "feeds"));
    Objects.requireNonNull(userAgent, "userAgent");
    if (userAgent.isBlank() || userAgent.contains("\n") || userAgent.contains("\r")) {
      throw new IllegalArgumentException("userAgent must be one non-blank line");
    }
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(readTimeout, "readTimeout");
    if (maxFeedBytes <= 0) {
      throw new IllegalArgumentException("maxFeedBytes must be positive: " + maxFeedBytes);
    }
    if (maxPageBytes <= 0 || maxPageBytes > dev.wirewatch.schema.topic.Topics.MAX_ARCHIVED_PAGE_BYTES) {
      throw new IllegalArgumentException("maxPageBytes must be between 1 and "
          + dev.wirewatch.schema.topic.Topics.MAX_ARCHIVED_PAGE_BYTES + ": " + maxPageBytes);
    }
    allowedHosts = Objects.requireNonNull(allowedHosts, "allowedHosts").stream()
        .map(h -> Objects.requireNonNull(h, "allowedHosts element").trim().toLowerCase(Locale.ROOT))
        .filter(h -> !h.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    allowedHosts.forEach(HostPolicy::checkAllowedHost);
    Objects.requireNonNull(perHostDelay, "perHostDelay");
    if (perHostDelay.isNegative()) {
      throw new IllegalArgumentException("perHostDelay must not be negative: " + perHostDelay);
    }
    if (maxRedirects < 0) {
      throw new IllegalArgumentException("maxRedirects must not be negative: " + maxRedirects);
    }
    Objects.requireNonNull(maxItemAge, "maxItemAge");
    if (maxItemAge.isNegative()) {
      throw new IllegalArgumentException("maxItemAge must not be negative: " + maxItemAge);
    }
    requirePositive(staleAfter, "staleAfter");
  }

  /** The documented defaults for {@code feeds}; pages archived, no extra hosts. */
  public static IngestSettings defaults(List<FeedSource> feeds) {
    return new IngestSettings(feeds, DEFAULT_USER_AGENT, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
        DEFAULT_MAX_FEED_BYTES, DEFAULT_MAX_PAGE_BYTES, true, Set.of(), DEFAULT_PER_HOST_DELAY,
        DEFAULT_MAX_REDIRECTS, DEFAULT_MAX_ITEM_AGE, DEFAULT_STALE_AFTER);
  }

  public IngestSettings withFeeds(List<FeedSource> value) {
    return new IngestSettings(value, userAgent, connectTimeout, readTimeout, maxFeedBytes, maxPageBytes,
        archivePages, allowedHosts, perHostDelay, maxRedirects, maxItemAge, staleAfter);
  }

  public IngestSettings withUserAgent(String value) {
    return new IngestSettings(feeds, value, connectTimeout, readTimeout, maxFeedBytes, maxPageBytes,
        archivePages, allowedHosts, perHostDelay, maxRedirects, maxItemAge, staleAfter);
  }

  public IngestSettings withTimeouts(Duration connect, Duration read) {
    return new IngestSettings(feeds, userAgent, connect, read, maxFeedBytes, maxPageBytes,
        archivePages, allowedHosts, perHostDelay, maxRedirects, maxItemAge, staleAfter);
  }

  public IngestSettings withMaxBytes(int feedBytes, int pageBytes) {
    return new IngestSettings(feeds, userAgent, connectTimeout, readTimeout, feedBytes, pageBytes,
        archivePages, allowedHosts, perHostDelay, maxRedirects, maxItemAge, staleAfter);
  }

  public IngestSettings withArchivePages(boolean value) {
    return new IngestSettings(feeds, userAgent, connectTimeout, readTimeout, maxFeedBytes, maxPageBytes,
        value, allowedHosts, perHostDelay, maxRedirects, maxItemAge, staleAfter);
  }

  public IngestSettings withAllowedHosts(Set<String> value) {
    return new IngestSettings(feeds, userAgent, connectTimeout, readTimeout, maxFeedBytes, maxPageBytes,
        archivePages, value, perHostDelay, maxRedirects, maxItemAge, staleAfter);
  }

  public IngestSettings withPerHostDelay(Duration value) {
    return new IngestSettings(feeds, userAgent, connectTimeout, readTimeout, maxFeedBytes, maxPageBytes,
        archivePages, allowedHosts, value, maxRedirects, maxItemAge, staleAfter);
  }

  public IngestSettings withMaxRedirects(int value) {
    return new IngestSettings(feeds, userAgent, connectTimeout, readTimeout, maxFeedBytes, maxPageBytes,
        archivePages, allowedHosts, perHostDelay, value, maxItemAge, staleAfter);
  }

  /** This configuration with another age gate (zero: off) and staleness threshold. */
  public IngestSettings withFreshness(Duration maxAge, Duration stale) {
    return new IngestSettings(feeds, userAgent, connectTimeout, readTimeout, maxFeedBytes, maxPageBytes,
        archivePages, allowedHosts, perHostDelay, maxRedirects, maxAge, stale);
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
