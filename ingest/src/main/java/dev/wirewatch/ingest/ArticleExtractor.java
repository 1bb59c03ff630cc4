package dev.wirewatch.ingest;

import dev.wirewatch.ingest.internal.extract.PageExtraction;
import dev.wirewatch.ingest.internal.extract.Profiles;
import java.net.URI;

/**
 * Extracts an article (title, publication time, dateline, language, body text) from one fetched page, with the
 * site profile chosen by the feed's source, else by the URL's host (Xinhua, ECNS, or a generic text-density
 * fallback). Plain Java: the fetcher and the offline {@code wirewatch extract} command use the same code.
 * Thread-safe and stateless.
 */
public final class ArticleExtractor {

  /**
   * Extracts one page.
   *
   * @param url the page's URL (the canonical form becomes the article's url, its hash the id)
   * @param page the page bytes after content decoding
   * @param contentTypeHeader the HTTP Content-Type header, or null (offline)
   * @param sourceHint the feed's source ({@code xinhua}, {@code ecns}, anything else), or null
   * @throws IngestException when the page is not HTML or holds neither a title nor any text
   * @throws IllegalArgumentException when {@code url} is not an absolute http(s) URL
   */
  public ExtractedArticle extract(URI url, byte[] page, String contentTypeHeader, String sourceHint) {
    return PageExtraction.extract(url, page, contentTypeHeader, sourceHint).article();
  }


  /**
   * The version of the site profile that would extract a page of {@code url} found through a feed of
   * {@code sourceHint}, e.g. {@code xinhua/2}: an archived article stamped with another version is out of date.
   */
  public static String profileVersion(URI url, String sourceHint) {
    return Profiles.choose(sourceHint, url).version();
  }

  /** The versions of every site profile, for {@code wirewatch version}. */
  public static java.util.List<String> profileVersions() {
    return Profiles.all().stream().map(dev.wirewatch.ingest.internal.extract.SiteProfile::version).toList();
  }
}
