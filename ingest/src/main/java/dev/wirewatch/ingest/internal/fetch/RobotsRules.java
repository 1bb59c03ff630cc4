package dev.wirewatch.ingest.internal.fetch;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The rules of one robots.txt for one crawler, read by crawler-commons' {@link SimpleRobotRulesParser} (RFC 9309:
 * the groups naming the crawler's product token, else the {@code *} groups; the longest matching rule wins, Allow
 * on a tie; {@code *} and {@code $} patterns; paths compared after percent-encoding normalisation, so
 * {@code /%E4%B8%AD} and {@code /中} are one path). Crawl-delay, a common extension, is read from the same group.
 */
public final class RobotsRules {

  /** Everything allowed: no robots.txt (4xx). */
  public static final RobotsRules ALLOW_ALL = new RobotsRules(new SimpleRobotRules(
      SimpleRobotRules.RobotRulesMode.ALLOW_ALL));
  /** Nothing allowed: the robots.txt could not be read (5xx, unreachable). */
  public static final RobotsRules DISALLOW_ALL = new RobotsRules(new SimpleRobotRules(
      SimpleRobotRules.RobotRulesMode.ALLOW_NONE));

  private final BaseRobotRules rules;

  private RobotsRules(BaseRobotRules rules) {
    this.rules = rules;
  }

  /**
   * Parses a robots.txt for the crawler whose product token is {@code productToken} (e.g. {@code wirewatch}).
   * Unknown lines and malformed values are skipped, as the RFC asks.
   *
   * @param robotsUrl where the file came from (the parser resolves nothing against it; it names it in warnings)
   * @param body the file's bytes, read as UTF-8
   */
  public static RobotsRules parse(URI robotsUrl, byte[] body, String productToken) {
    SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    // The parser would turn a Crawl-delay above its own limit into "disallow all"; the fetcher caps the delay
    // instead (RobotsCache.MAX_CRAWL_DELAY), so a site asking for a long delay is still read, slowly.
    parser.setMaxCrawlDelay(Long.MAX_VALUE);
    return new RobotsRules(parser.parseContent(robotsUrl.toASCIIString(), body, "text/plain",
        List.of(productToken)));
  }

  /** The Crawl-delay of the matching group, or null when it sets none. */
  public Duration crawlDelay() {
    long ms = rules.getCrawlDelay();
    return ms == BaseRobotRules.UNSET_CRAWL_DELAY || ms < 0 ? null : Duration.ofMillis(ms);
  }

  /** Whether the crawler may fetch {@code url} (its path and query). {@code /robots.txt} is always allowed. */
  public boolean allowed(URI url) {
    return rules.isAllowed(url.toASCIIString());
  }
}
