package dev.wirewatch.app;

import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.ingest.ArticleExtractor;
import dev.wirewatch.ingest.ExtractedArticle;
import dev.wirewatch.ingest.IngestException;
import dev.wirewatch.schema.RawArticle;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings archived articles up to date with the current site profiles before they are classified: when an
 * article was extracted by an older profile version and the archive kept its page, the page is extracted
 * again. New articles (already current) pass through untouched.
 */
public final class Reextraction {

  private static final Logger log = LoggerFactory.getLogger(Reextraction.class);

  private Reextraction() {
  }

  /**
   * The shipped classifier behind re-extraction.
   *
   * @param reextracted counts articles extracted again, or null
   */
  public static ArchiveClassifier classifier(DialogueClassifier classifier, AtomicInteger reextracted) {
    ArticleExtractor extractor = new ArticleExtractor();
    return new ArchiveClassifier(classifier, raw -> refresh(extractor, raw, reextracted));
  }

  static RawArticle refresh(ArticleExtractor extractor, RawArticle raw, AtomicInteger reextracted) {
    ByteBuffer page = raw.getPage();
    if (page == null) {
      return raw;
    }
    URI url;
    try {
      url = URI.create(raw.getUrl());
    } catch (IllegalArgumentException e) {
      return raw;
    }
    if (ArticleExtractor.profileVersion(url, raw.getSource()).equals(raw.getExtractorVersion())) {
      return raw;
    }
    byte[] bytes = new byte[page.remaining()];
    page.duplicate().get(bytes);
    String contentType = raw.getPageCharset() == null ? null : "text/html; charset=" + raw.getPageCharset();
    try {
      ExtractedArticle fresh = extractor.extract(url, bytes, contentType, raw.getSource());
      if (reextracted != null) {
        reextracted.incrementAndGet();
      }
      return RawArticle.newBuilder(raw)
          .setTitle(fresh.title())
          .setPublishedAt(fresh.publishedAt())
          .setDateline(fresh.dateline())
          .setLanguage(fresh.language())
          .setText(fresh.text())
          .setExtractorVersion(fresh.extractorVersion())
          .build();
    } catch (IngestException e) {
      log.warn("Keeping archived extraction of {}: the archived page no longer extracts: {}", raw.getUrl(), e.getMessage());
      return raw;
    }
  }
}
