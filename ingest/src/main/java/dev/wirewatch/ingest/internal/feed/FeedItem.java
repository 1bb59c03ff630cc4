package dev.wirewatch.ingest.internal.feed;

import java.net.URI;
import java.time.Instant;

/**
 * One item of a feed.
 *
 * @param link absolute article URL (the item's link, else its guid when that is a URL)
 * @param title item title, or null
 * @param description item description or summary as text, or null
 * @param published publication time, or null
 * @param updated last update time, or null
 */
public record FeedItem(URI link, String title, String description, Instant published, Instant updated) {

  /** The latest time the feed gives for this item, or null. */
  public Instant latestDate() {
    if (updated == null) {
      return published;
    }
    return published == null || updated.isAfter(published) ? updated : published;
  }

  /** What the feed says about this item; a change means the article was probably edited. */
  public String fingerprint() {
    return title + "\u0000" + description + "\u0000" + published + "\u0000" + updated;
  }
}
