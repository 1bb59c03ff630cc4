package dev.wirewatch.ingest.internal.extract;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Extraction rules for one site family. Each profile has a version, stamped on every article it extracts, so a
 * changed profile can be told apart and its articles replayed from the archive.
 */
public abstract class SiteProfile {

  /** "BEIJING, June 18 (Xinhua) --", "UNITED NATIONS, June 5 (Xinhua) --", "(ECNS) --". */
  private static final Pattern ENGLISH_DATELINE = Pattern.compile(
      "^((?:[A-Z][A-Za-z.'\\-]*(?:\\s+[A-Z][A-Za-z.'\\-]*)*(?:,\\s*[A-Z][A-Za-z.'\\- ]+)?,\\s+)?"
          + "(?:[A-Z][a-z]{2,8}\\.?\\s+\\d{1,2}\\s*)?\\([A-Za-z][A-Za-z .]{1,30}\\))\\s*(?:--|—|–)");
  /** "新华社北京6月18日电", "中新网北京6月18日电". */
  private static final Pattern CHINESE_DATELINE = Pattern.compile("^((?:新华社|中新社|中新网)[^电。，]{1,30}电)");
  private static final Pattern TITLE_SUFFIX = Pattern.compile(
      "\\s*[-|_–—]\\s*(?:Xinhua(?: English)?|新华网|新华社|ECNS|China News Service|中新网)\\s*$",
      Pattern.CASE_INSENSITIVE);

  /** Profile name, e.g. {@code xinhua}; also the RawArticle source. */
  public abstract String name();

  /** {@code name/version}, e.g. {@code xinhua/1}. */
  public abstract String version();

  /** Extracts the article fields from a parsed page. */
  public abstract Extraction extract(Document doc, URI url);

  /** Text of the first element matching any selector, in order. */
  static Optional<String> firstText(Document doc, String... selectors) {
    for (String selector : selectors) {
      for (Element e : doc.select(selector)) {
        String text = Blocks.normalise(e.text());
        if (!text.isEmpty()) {
          return Optional.of(text);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Text of the first element matching any selector, its text pieces joined by spaces: date widgets split a
   * time over inline elements ({@code <em>2024</em><em>06</em>/<em>18</em>}) that plain text would glue together.
   */
  static Optional<String> firstSpacedText(Document doc, String... selectors) {
    for (String selector : selectors) {
      for (Element e : doc.select(selector)) {
        StringBuilder sb = new StringBuilder();
        for (org.jsoup.nodes.TextNode t : e.selectXpath("descendant::text()", org.jsoup.nodes.TextNode.class)) {
          sb.append(t.getWholeText()).append(' ');
        }
        String text = Blocks.normalise(sb.toString());
        if (!text.isEmpty()) {
          return Optional.of(text);
        }
      }
    }
    return Optional.empty();
  }

  /** Content of the first meta tag matching any selector. */
  static Optional<String> meta(Document doc, String... selectors) {
    for (String selector : selectors) {
      for (Element e : doc.select(selector)) {
        String content = Blocks.normalise(e.attr("content"));
        if (!content.isEmpty()) {
          return Optional.of(content);
        }
      }
    }
    return Optional.empty();
  }

  /** The page-level title (og:title, else the title element) without the site name. */
  static Optional<String> pageTitle(Document doc) {
    return meta(doc, "meta[property=og:title]", "meta[name=twitter:title]")
        .or(() -> Optional.of(Blocks.normalise(doc.title())).filter(t -> !t.isEmpty()))
        .map(t -> TITLE_SUFFIX.matcher(t).replaceFirst(""));
  }

  /** First body element matching any selector. */
  static Optional<Element> first(Document doc, String... selectors) {
    for (String selector : selectors) {
      Element e = doc.selectFirst(selector);
      if (e != null && !Blocks.normalise(e.text()).isEmpty()) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** Dateline at the start of the first paragraph, without the dash that follows it. */
  static String dateline(List<String> paragraphs) {
    if (paragraphs.isEmpty()) {
      return null;
    }
    String first = paragraphs.get(0);
    Matcher en = ENGLISH_DATELINE.matcher(first);
    if (en.find()) {
      return en.group(1).strip();
    }
    Matcher zh = CHINESE_DATELINE.matcher(first);
    return zh.find() ? zh.group(1) : null;
  }

  /** Time from generic metadata: Open Graph, schema.org, time elements, common meta names. */
  static Optional<OffsetDateTime> metaDate(Document doc) {
    Optional<OffsetDateTime> fromMeta = meta(doc, "meta[property=article:published_time]",
        "meta[itemprop=datePublished]", "meta[name=publishdate]", "meta[name=pubdate]", "meta[name=PubDate]",
        "meta[name=date]", "meta[name=dc.date]", "meta[name=DC.date.issued]").flatMap(Dates::iso);
    if (fromMeta.isPresent()) {
      return fromMeta;
    }
    for (Element time : doc.select("time[datetime]")) {
      Optional<OffsetDateTime> t = Dates.iso(time.attr("datetime"));
      if (t.isPresent()) {
        return t;
      }
    }
    return Optional.empty();
  }
}
