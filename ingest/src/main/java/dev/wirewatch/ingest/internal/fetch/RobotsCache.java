package dev.wirewatch.ingest.internal.fetch;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * robots.txt per origin (scheme, host, port), fetched once and kept for {@link #TTL}, at most
 * {@link #MAX_HOSTS} origins (least recently used dropped first). Concurrent callers for one origin share one
 * fetch.
 *
 * <p>What an answer means (RFC 9309): 2xx, the rules it holds; 4xx (404 and the like), no rules, everything
 * allowed; 5xx, or no answer at all (timeout, connection refused, host paused by Retry-After), everything
 * <em>disallowed</em> for {@link #ERROR_TTL}, after which it is asked again. Disallowing is the RFC's choice
 * for a server error and the careful one: a site in trouble is not a site to crawl.
 */
final class RobotsCache {

  private static final Logger LOG = LoggerFactory.getLogger(RobotsCache.class);

  /** How long a robots.txt (or its 4xx absence) is trusted. */
  static final Duration TTL = Duration.ofHours(24);
  /** How long a 5xx or unreachable robots.txt keeps the origin disallowed before it is asked again. */
  static final Duration ERROR_TTL = Duration.ofMinutes(30);
  /** Origins remembered. */
  static final int MAX_HOSTS = 1000;
  /** Largest robots.txt read (Google's limit); the rest is ignored. */
  static final int MAX_BYTES = 500 * 1024;

  /** Longest Crawl-delay honoured: a larger one would park a poll thread for too long per page. */
  static final Duration MAX_CRAWL_DELAY = Duration.ofSeconds(60);

  /** Fetches one robots.txt URL. */
  interface Loader {
    FetchResult fetch(URI robotsUrl) throws InterruptedException;
  }

  /**
   * The rules for an origin and where they came from.
   *
   * @param rules the rules for this crawler
   * @param origin e.g. {@code robots.txt HTTP 200}, {@code robots.txt HTTP 503}
   */
  record Verdict(RobotsRules rules, String origin) {
  }

  private static final class Entry {
    final CompletableFuture<Verdict> verdict = new CompletableFuture<>();
    volatile long expiresAtMs = Long.MAX_VALUE;
  }

  private final String productToken;
  private final Clock clock;
  private final Loader loader;
  private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
      return size() > MAX_HOSTS;
    }
  };

  RobotsCache(String productToken, Clock clock, Loader loader) {
    this.productToken = productToken;
    this.clock = clock;
    this.loader = loader;
  }

  /** The product token of a User-Agent header: {@code wirewatch} of {@code wirewatch/0.1 (+https://...)}. */
  static String productToken(String userAgent) {
    String t = userAgent.strip().split("[/\\s]", 2)[0];
    return t.isEmpty() ? "*" : t.toLowerCase(Locale.ROOT);
  }

  /** The verdict for the origin of {@code url}, fetching its robots.txt when not known or expired. */
  Verdict verdict(URI url) throws InterruptedException {
    String key = origin(url);
    Entry entry;
    boolean load = false;
    synchronized (entries) {
      entry = entries.get(key);
      if (entry == null || entry.expiresAtMs <= clock.millis()) {
        entry = new Entry();
        entries.put(key, entry);
        load = true;
      }
    }
    if (load) {
      load(key, entry);
    }
    try {
      return entry.verdict.get();
    } catch (ExecutionException e) {
      // The loading thread was interrupted; this caller tries again next time.
      return new Verdict(RobotsRules.DISALLOW_ALL, "robots.txt not read yet");
    }
  }

  private void load(String key, Entry entry) throws InterruptedException {
    URI robotsUrl = URI.create(key + "/robots.txt");
    Verdict verdict;
    Duration ttl;
    try {
      FetchResult answer = loader.fetch(robotsUrl);
      int status = answer.status();
      if (status >= 200 && status < 300) {
        // The loader reads at most MAX_BYTES; what lies beyond is ignored, as RFC 9309 allows.
        verdict = new Verdict(RobotsRules.parse(robotsUrl, answer.body(), productToken), "robots.txt HTTP " + status);
        ttl = TTL;
      } else if (status >= 400 && status < 500) {
        verdict = new Verdict(RobotsRules.ALLOW_ALL, "robots.txt HTTP " + status);
        ttl = TTL;
      } else {
        verdict = new Verdict(RobotsRules.DISALLOW_ALL, "robots.txt HTTP " + status + ", treated as disallow-all");
        ttl = ERROR_TTL;
      }
    } catch (FetchException e) {
      verdict = new Verdict(RobotsRules.DISALLOW_ALL,
          "robots.txt unreachable (" + e.getMessage() + "), treated as disallow-all");
      ttl = ERROR_TTL;
    } catch (InterruptedException | RuntimeException e) {
      synchronized (entries) {
        entries.remove(key, entry);
      }
      entry.verdict.completeExceptionally(e);
      throw e;
    }
    entry.expiresAtMs = clock.millis() + ttl.toMillis();
    entry.verdict.complete(verdict);
    LOG.info("Read {}: {}; kept until {}", robotsUrl, verdict.origin(), Instant.ofEpochMilli(entry.expiresAtMs));
  }

  static String origin(URI url) {
    return Origin.of(url).base();
  }
}
