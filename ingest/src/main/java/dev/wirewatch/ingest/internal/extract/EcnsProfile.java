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

  /** 2: photo/video captions and video blocks dropped (shared furniture rules); "Shanghai (ECNS)" dateline. */
  @Override
  public String version() {
    return "ecns/2";
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
    List<String> paragraphs = Blocks.paragraphs(body, title);
    return new Extraction(title, published, dateline(paragraphs), paragraphs);
  }
}
