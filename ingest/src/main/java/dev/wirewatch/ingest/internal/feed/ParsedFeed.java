package dev.wirewatch.ingest.internal.feed;

import java.util.List;

/**
 * A parsed feed.
 *
 * @param feedType Rome's name of the format, e.g. {@code rss_2.0}, {@code atom_1.0}
 * @param items items that carry a usable link, in feed order
 * @param skipped items dropped because they had neither a link nor a URL guid
 * @param cut the feed was cut off; {@code items} are the complete ones before the cut
 */
public record ParsedFeed(String feedType, List<FeedItem> items, int skipped, boolean cut) {

  public ParsedFeed {
    items = List.copyOf(items);
  }
}
