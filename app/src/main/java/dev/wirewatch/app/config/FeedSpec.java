package dev.wirewatch.app.config;

import java.time.Duration;

/**
 * One configured feed: the site profile for its pages, its URL, its own interval (null: the default), and
 * whether robots.txt is ignored for the article pages it links to (for sites that have agreed to it).
 */
public record FeedSpec(String source, String url, Duration interval, boolean ignoreRobots) {

  public FeedSpec(String source, String url, Duration interval) {
    this(source, url, interval, false);
  }
}
