package dev.wirewatch.app.config;

import java.time.Duration;

/**
 * One configured source: the site profile for its pages, its URL, its own interval (null: the default), whether
 * robots.txt is ignored for the article pages it links to (for sites that have agreed to it), what it serves
 * ({@code feed} or {@code list}; null: decided by each answer) and, for a list page of a site without a profile,
 * the regex its article links match (null: the profile's own).
 */
public record FeedSpec(String source, String url, Duration interval, boolean ignoreRobots, String kind,
    String linkPattern) {

  public FeedSpec(String source, String url, Duration interval) {
    this(source, url, interval, false, null, null);
  }

  public FeedSpec(String source, String url, Duration interval, boolean ignoreRobots) {
    this(source, url, interval, ignoreRobots, null, null);
  }
}
