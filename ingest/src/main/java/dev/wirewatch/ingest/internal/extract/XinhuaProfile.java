package dev.wirewatch.ingest.internal.extract;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Xinhua pages, English (english.news.cn, xinhuanet.com/english) and Chinese (news.cn, xinhuanet.com): title
 * {@code .conTop h1} / {@code .head-line span.title} (today's Chinese pages, with or without an h1 around it) /
 * {@code span.title} / og:title; time {@code .header-time}, {@code .time}, meta
 * {@code publishdate}, else the URL (Beijing time, which the page shows without a zone; old pages that also show
 * GMT are converted); body {@code #detailContent}, {@code #detail}, {@code #p-detail} (old pages: {@code #Content}).
 */
final class XinhuaProfile extends SiteProfile {

  @Override
  public String name() {
    return "xinhua";
  }

  /**
   * 2: photo/video captions, video blocks and bylines dropped (shared furniture rules); dateline without comma.
   * 3: today's Chinese layout named: title in {@code .head-line span.title}, body in {@code span#detailContent}.
   */
  @Override
  public String version() {
    return "xinhua/3";
  }

  @Override
  public Extraction extract(Document doc, URI url) {
    String title = firstText(doc, ".conTop h1", ".head-line span.title", "span.title", "h1#title", "#bltitle",
        ".h-title").or(() -> pageTitle(doc)).or(() -> firstText(doc, "h1")).orElse(null);
    OffsetDateTime published = firstSpacedText(doc, ".header-time", ".time", ".h-time", "#pubtime", ".pubtime",
        ".info .h-time").flatMap(Dates::inText)
        .or(() -> meta(doc, "meta[name=publishdate]", "meta[name=pubdate]").flatMap(Dates::iso))
        .or(() -> metaDate(doc))
        .or(() -> Dates.inUrl(url))
        .orElse(null);
    Element body = first(doc, "span#detailContent", "#detailContent", "#detail", "#p-detail", "#Content", "#content", ".article")
        .orElseGet(() -> Blocks.densest(doc));
    List<String> paragraphs = Blocks.paragraphs(body, title);
    return new Extraction(title, published, dateline(paragraphs), paragraphs);
  }

}
