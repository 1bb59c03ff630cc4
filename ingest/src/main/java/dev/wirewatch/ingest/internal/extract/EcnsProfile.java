package dev.wirewatch.ingest.internal.extract;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * ECNS (China News Service, English): title {@code h1#contitle}; time and source in {@code div.downinfo}
 * (Beijing time, no zone); body {@code #yanse}, else {@code .content}; copy starts {@code (ECNS) --}.
 */
final class EcnsProfile extends SiteProfile {

  @Override
  public String name() {
    return "ecns";
  }

  @Override
  public String version() {
    return "ecns/1";
  }

  @Override
  public Extraction extract(Document doc, URI url) {
    String title = firstText(doc, "h1#contitle", "#contitle", ".content h1", "h1")
        .or(() -> pageTitle(doc)).orElse(null);
    OffsetDateTime published = firstSpacedText(doc, "div.downinfo", ".downinfo", ".time").flatMap(Dates::inText)
        .or(() -> metaDate(doc))
        .or(() -> Dates.inUrl(url))
        .orElse(null);
    Element body = first(doc, "#yanse", ".content", "#content").orElseGet(() -> Blocks.densest(doc));
    List<String> paragraphs = Blocks.paragraphs(body);
    if (title != null && !paragraphs.isEmpty() && paragraphs.get(0).equals(title)) {
      paragraphs = paragraphs.subList(1, paragraphs.size());
    }
    return new Extraction(title, published, dateline(paragraphs), paragraphs);
  }
}
