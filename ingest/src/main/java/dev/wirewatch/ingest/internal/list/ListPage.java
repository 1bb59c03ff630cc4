package dev.wirewatch.ingest.internal.list;

import dev.wirewatch.ingest.internal.feed.FeedItem;
import java.net.URI;
import java.util.List;

/**
 * What a list page offers: the JSON data source it names, or else the article links found on it.
 *
 * @param dataSource the {@code ds_<id>.json} URL the list element names, or null
 * @param items the article links of a page without a data source, in page order, one per article
 */
public record ListPage(URI dataSource, List<FeedItem> items) {

  public ListPage {
    items = List.copyOf(items);
  }
}
