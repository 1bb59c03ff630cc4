package dev.wirewatch.ingest.internal.extract;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Any other site: title from Open Graph, JSON-LD, Dublin Core or the page's {@code h1}, the title element
 * (without its site name) last; time from JSON-LD, Open Graph or other standard metadata or the article's own
 * {@code <time>}, else a date in the URL; body from an {@code article} element, else the element with the densest
 * prose.
 */
final class GenericProfile extends SiteProfile {

  @Override
  public String name() {
    return "generic";
  }

  /**
   * 2: title from og:title / JSON-LD headline / h1 before the title element; JSON-LD datePublished; captions,
   * bylines, ad labels and pull quotes dropped.
   */
  @Override
  public String version() {
    return "generic/2";
  }

  @Override
  public Extraction extract(Document doc, URI url) {
    String title = genericTitle(doc).orElse(null);
    OffsetDateTime published = metaDate(doc).or(() -> Dates.inUrl(url)).orElse(null);
    Element body = Blocks.densest(doc);
    Element article = doc.selectFirst("article");
    if (article != null && article.text().length() >= body.text().length() / 2 && !article.select("p").isEmpty()) {
      body = article;
    }
    List<String> paragraphs = Blocks.paragraphs(body, title);
    return new Extraction(title, published, dateline(paragraphs), paragraphs);
  }
}
