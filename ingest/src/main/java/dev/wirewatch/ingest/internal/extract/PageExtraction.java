package dev.wirewatch.ingest.internal.extract;

import dev.wirewatch.ingest.ArticleIds;
import dev.wirewatch.ingest.ExtractedArticle;
import dev.wirewatch.ingest.IngestException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/** Decode, parse, pick the profile, extract: the whole of {@code ArticleExtractor}, plus the declared charset. */
public final class PageExtraction {

  private PageExtraction() {
  }

  /**
   * The article and the charset the page declared (archived next to the page).
   *
   * @param article the extracted article
   * @param declaredCharset charset from the Content-Type header, else the page's meta, else null
   */
  public record Result(ExtractedArticle article, String declaredCharset) {
  }

  /** The article and the charset the page declared; used by the fetcher to archive the page. */
  public static Result extract(URI url, byte[] page, String contentTypeHeader, String sourceHint) {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(page, "page");
    String canonical = ArticleIds.canonicalUrl(url.toString());
    if (page.length == 0) {
      throw new IngestException("empty page: " + canonical);
    }
    DecodedPage decoded = PageDecoder.decode(page, contentTypeHeader);
    Document doc = Jsoup.parse(decoded.html(), url.toString());
    DepthLimit.check(doc, canonical);
    SiteProfile profile = Profiles.choose(sourceHint, url);
    Extraction found = profile.extract(doc, url);
    String text = String.join("\n\n", found.paragraphs());
    if ((found.title() == null || found.title().isBlank()) && text.isEmpty()) {
      throw new IngestException("no article found in page " + canonical + " (profile " + profile.version() + ")");
    }
    String publishedAt = found.publishedAt() == null ? null : Dates.format(found.publishedAt());
    ExtractedArticle article = new ExtractedArticle(ArticleIds.articleId(canonical), profile.name(), canonical,
        found.title(), publishedAt, found.dateline(), language(doc, found.title(), text), text, profile.version());
    return new Result(article, decoded.declaredCharset());
  }

  /** zh when Han characters make up a good share of the letters, else en. */
  static String language(Document doc, String title, String text) {
    String sample = (title == null ? "" : title) + text;
    int han = 0;
    int letters = 0;
    for (int i = 0; i < sample.length(); ) {
      int cp = sample.codePointAt(i);
      if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN) {
        han++;
        letters++;
      } else if (Character.isLetter(cp)) {
        letters++;
      }
      i += Character.charCount(cp);
    }
    if (letters == 0) {
      String lang = doc.selectFirst("html") == null ? "" : doc.selectFirst("html").attr("lang");
      return lang.toLowerCase(Locale.ROOT).startsWith("zh") ? "zh" : "en";
    }
    // Han characters carry a word each, Latin letters a fraction of one: 20% Han is Chinese prose.
    return han * 5 >= letters ? "zh" : "en";
  }
}
