package dev.wirewatch.ingest;

/**
 * The fields extracted from one article page.
 *
 * @param id the articleId ({@link ArticleIds#articleId(String)})
 * @param source the site profile that extracted it: xinhua, ecns or generic
 * @param url the canonical article URL
 * @param title the headline, or null when the page has none
 * @param publishedAt ISO-8601 with offset (Beijing time, +08:00, when the page gives no zone), or null
 * @param dateline e.g. {@code BEIJING, June 18 (Xinhua)} or {@code 新华社北京6月18日电}, or null
 * @param language {@code en} or {@code zh}
 * @param text body paragraphs joined by a blank line
 * @param extractorVersion profile name and version, e.g. {@code xinhua/2}
 */
public record ExtractedArticle(String id, String source, String url, String title, String publishedAt,
    String dateline, String language, String text, String extractorVersion) {
}
