package dev.wirewatch.app.config;

import java.time.Duration;

/** One configured feed: the site profile for its pages, its URL and its own interval (null: the default). */
public record FeedSpec(String source, String url, Duration interval) {
}
