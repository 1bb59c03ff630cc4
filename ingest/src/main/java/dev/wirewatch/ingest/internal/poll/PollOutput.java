package dev.wirewatch.ingest.internal.poll;

import dev.wirewatch.schema.FeedStatus;
import dev.wirewatch.schema.RawArticle;

/** Where the poller's results go; the Kafka adapter produces them, tests may collect them. */
public interface PollOutput {

  /** One new or changed article, keyed by articleId. */
  void article(String articleId, RawArticle article);

  /**
   * An article that cannot be archived at all, for the dead-letter queue.
   *
   * @param withoutBody the article without page bytes and text (what could not be stored is what was too large)
   * @param reason one line saying why
   */
  void deadLetter(String articleId, RawArticle withoutBody, String reason);

  /** The result of one feed poll, keyed by feed URL. */
  void status(String feedUrl, FeedStatus status);
}
