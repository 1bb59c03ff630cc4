package dev.wirewatch.ingest.internal.poll;

import dev.wirewatch.schema.FeedStatus;
import dev.wirewatch.schema.RawArticle;

/** Where the poller's results go; the Kafka adapter produces them, tests may collect them. */
public interface PollOutput {

  /** One new or changed article, keyed by articleId. */
  void article(String articleId, RawArticle article);

  /** The result of one feed poll, keyed by feed URL. */
  void status(String feedUrl, FeedStatus status);
}
