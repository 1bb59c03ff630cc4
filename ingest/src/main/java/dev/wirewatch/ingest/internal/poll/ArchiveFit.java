package dev.wirewatch.ingest.internal.poll;

import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Makes an article fit the archive topic. A record whose encoding exceeds the topic's largest message (a page
 * whose text grows when decoded, or a raised page limit) would be refused by the producer and the broker, and
 * the article lost; instead it is archived without its page bytes and flagged ({@code pageOmitted}), and when
 * even that is too large it is refused here, for the dead-letter queue.
 */
final class ArchiveFit {

  /** Room kept below the topic limit for the key, headers and batch framing. */
  static final int LIMIT = Topics.MAX_MESSAGE_BYTES - 64 * 1024;

  /** How an article fits: whole, without its page, or not at all. */
  enum Outcome { WHOLE, WITHOUT_PAGE, TOO_LARGE }

  /**
   * @param record the record to produce: the original, or the one without page bytes; for {@code TOO_LARGE} the
   *     one without page bytes and text, which is what the dead-letter queue gets
   * @param encodedBytes the encoded size of the record as first built
   */
  record Fitted(RawArticle record, Outcome outcome, int encodedBytes) {
  }

  private ArchiveFit() {
  }

  static Fitted fit(RawArticle article, int limit) {
    if (upperBound(article) <= limit) {
      return new Fitted(article, Outcome.WHOLE, -1);
    }
    int whole = encodedSize(article);
    if (whole <= limit) {
      return new Fitted(article, Outcome.WHOLE, whole);
    }
    RawArticle withoutPage = RawArticle.newBuilder(article).setPage(null).setPageCharset(null).setPageOmitted(true)
        .build();
    if (encodedSize(withoutPage) <= limit) {
      return new Fitted(withoutPage, Outcome.WITHOUT_PAGE, whole);
    }
    return new Fitted(RawArticle.newBuilder(withoutPage).setText("").build(), Outcome.TOO_LARGE, whole);
  }

  /** A cheap bound on the encoded size: every character as 3 bytes, plus the page and some framing. */
  private static long upperBound(RawArticle a) {
    long chars = 0;
    for (CharSequence s : new CharSequence[] {a.getArticleId(), a.getSource(), a.getUrl(), a.getFeedUrl(),
        a.getTitle(), a.getPublishedAt(), a.getDateline(), a.getLanguage(), a.getText(), a.getExtractorVersion(),
        a.getContentHash(), a.getPageCharset(), a.getClassifierVersion()}) {
      chars += s == null ? 0 : s.length();
    }
    return chars * 3 + (a.getPage() == null ? 0 : a.getPage().remaining()) + 1024;
  }

  static int encodedSize(RawArticle a) {
    try {
      return RawArticle.getEncoder().encode(a).remaining();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode article " + a.getArticleId(), e);
    }
  }
}
