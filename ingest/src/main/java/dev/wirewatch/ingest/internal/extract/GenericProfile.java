package dev.wirewatch.ingest.internal.extract;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Any other site: title from Open Graph, the first {@code h1} or the title element; time from standard
 * metadata, else a date in the URL; body from an {@code article} element, else the element with the densest
 * prose.
 */
final class GenericProfile extends SiteProfile {

  @Override
  public String name() {
    return "generic";
  }

  @Override
  public String version() {
    return "generic/1";
  }

  @Override
  public Extraction extract(Document doc, URI url) {
    String title = pageTitle(doc).or(() -> firstText(doc, "h1")).orElse(null);
    OffsetDateTime published = metaDate(doc).or(() -> Dates.inUrl(url)).orElse(null);
    Element body = Blocks.densest(doc);
    Element article = doc.selectFirst("article");
    if (article != null && article.text().length() >= body.text().length() / 2 && !article.select("p").isEmpty()) {
      body = article;
    }
    List<String> paragraphs = Blocks.paragraphs(body);
    if (title != null && !paragraphs.isEmpty() && paragraphs.get(0).equals(title)) {
      paragraphs = paragraphs.subList(1, paragraphs.size());
    }
    return new Extraction(title, published, dateline(paragraphs), paragraphs);
  }
}
