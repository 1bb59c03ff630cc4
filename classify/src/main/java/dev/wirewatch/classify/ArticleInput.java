package dev.wirewatch.classify;

/**
 * One article as the classifier sees it: the fields {@code wirewatch extract} prints and a {@code RawArticle}
 * carries.
 *
 * @param id          article id (required)
 * @param source      site profile: xinhua, ecns or generic
 * @param url         canonical URL
 * @param title       headline, may be null
 * @param publishedAt ISO-8601 instant with offset, or null
 * @param dateline    e.g. "WASHINGTON, July 25 (Xinhua)", or null to read it from the first line of {@code text}
 * @param language    "en" or "zh", or null to guess from the script
 * @param text        body, paragraphs separated by a blank line; evidence offsets point into it
 */
public record ArticleInput(String id, String source, String url, String title, String publishedAt, String dateline,
                           String language, String text) {

  public ArticleInput {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id must be a non-blank article id");
    }
    if (text == null) {
      throw new IllegalArgumentException("text must not be null (use \"\" for an empty body)");
    }
  }
}
