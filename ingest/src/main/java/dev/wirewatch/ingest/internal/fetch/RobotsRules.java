package dev.wirewatch.ingest.internal.fetch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rules of one robots.txt (RFC 9309) for one crawler: the groups naming the crawler's product token, else
 * the {@code *} groups. A path is allowed unless the longest matching rule is a Disallow; on a tie Allow wins.
 * Patterns support {@code *} (any run of characters) and a trailing {@code $} (end of the path). Crawl-delay,
 * a common extension, is read from the same groups.
 */
public final class RobotsRules {

  /** Everything allowed: no robots.txt (4xx), or none that names this crawler. */
  public static final RobotsRules ALLOW_ALL = new RobotsRules(List.of(), null);
  /** Nothing allowed: the robots.txt could not be read (5xx, unreachable). */
  public static final RobotsRules DISALLOW_ALL = new RobotsRules(List.of(new Rule("/", false)), null);

  private final List<Rule> rules;
  private final Duration crawlDelay;

  private record Rule(String pattern, boolean allow) {
  }

  private RobotsRules(List<Rule> rules, Duration crawlDelay) {
    this.rules = List.copyOf(rules);
    this.crawlDelay = crawlDelay;
  }

  /**
   * Parses a robots.txt for the crawler whose product token is {@code productToken} (e.g. {@code wirewatch}).
   * Unknown lines and malformed values are skipped, as the RFC asks.
   */
  public static RobotsRules parse(String robotsTxt, String productToken) {
    String token = productToken.toLowerCase(Locale.ROOT);
    List<Rule> mine = new ArrayList<>();
    List<Rule> star = new ArrayList<>();
    Duration[] delays = new Duration[2];
    boolean foundMine = false;
    // Consecutive user-agent lines open one group; the first rule line closes the list of agents.
    List<String> agents = new ArrayList<>();
    boolean inRules = false;
    for (String raw : robotsTxt.split("\r\n|\r|\n")) {
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String key = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      if (key.equals("user-agent")) {
        if (inRules) {
          agents.clear();
          inRules = false;
        }
        String agent = value.toLowerCase(Locale.ROOT);
        int slash = agent.indexOf('/');
        agents.add(slash >= 0 ? agent.substring(0, slash).strip() : agent);
        continue;
      }
      if (!key.equals("allow") && !key.equals("disallow") && !key.equals("crawl-delay")) {
        continue;
      }
      inRules = true;
      boolean forMe = agents.contains(token);
      boolean forAll = agents.contains("*");
      if (!forMe && !forAll) {
        continue;
      }
      foundMine |= forMe;
      if (key.equals("crawl-delay")) {
        Duration d = delay(value);
        if (d != null) {
          delays[forMe ? 0 : 1] = d;
        }
        continue;
      }
      if (value.isEmpty()) {
        // "Disallow:" with no path allows everything; an empty Allow says nothing.
        continue;
      }
      Rule rule = new Rule(value, key.equals("allow"));
      (forMe ? mine : star).add(rule);
    }
    return foundMine ? new RobotsRules(mine, delays[0]) : new RobotsRules(star, delays[1]);
  }

  private static Duration delay(String value) {
    try {
      double seconds = Double.parseDouble(value);
      return seconds >= 0 && Double.isFinite(seconds) ? Duration.ofMillis(Math.round(seconds * 1000)) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The Crawl-delay of the matching group, or null when it sets none. */
  public Duration crawlDelay() {
    return crawlDelay;
  }

  /**
   * Whether the crawler may fetch {@code pathAndQuery} (the raw, percent-encoded path plus {@code ?query}).
   * {@code /robots.txt} itself is always allowed.
   */
  public boolean allowed(String pathAndQuery) {
    String path = pathAndQuery == null || pathAndQuery.isEmpty() ? "/" : pathAndQuery;
    if (path.equals("/robots.txt")) {
      return true;
    }
    int best = -1;
    boolean allow = true;
    for (Rule rule : rules) {
      if (matches(rule.pattern(), path)) {
        int length = rule.pattern().length();
        if (length > best || length == best && rule.allow()) {
          best = length;
          allow = rule.allow();
        }
      }
    }
    return allow;
  }

  /**
   * Glob match anchored at the start: {@code *} matches any run, a final {@code $} anchors the end. Linear
   * backtracking to the last star, so a hostile pattern cannot make it explode.
   */
  static boolean matches(String pattern, String path) {
    boolean anchored = pattern.endsWith("$");
    String p = anchored ? pattern.substring(0, pattern.length() - 1) : pattern + "*";
    int pi = 0;
    int si = 0;
    int star = -1;
    int mark = 0;
    while (si < path.length()) {
      if (pi < p.length() && p.charAt(pi) != '*' && p.charAt(pi) == path.charAt(si)) {
        pi++;
        si++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = si;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}
