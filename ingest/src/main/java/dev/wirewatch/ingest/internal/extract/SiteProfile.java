package dev.wirewatch.ingest.internal.extract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

  /**
   * "BEIJING, June 18 (Xinhua) --", "UNITED NATIONS, June 5 (Xinhua) --", "(ECNS) --", "Shanghai (ECNS) --":
   * an optional place (with an optional region after a comma), an optional date after a comma, the agency in
   * brackets, then a dash.
   */
  private static final Pattern ENGLISH_DATELINE = Pattern.compile(
      "^((?:[A-Z][A-Za-z.'\\-]*(?:\\s+[A-Z][A-Za-z.'\\-]*)*(?:,\\s*[A-Z][A-Za-z.'\\- ]+?)?"
          + "(?:,\\s+[A-Z][a-z]{2,8}\\.?\\s+\\d{1,2})?\\s*)?\\([A-Za-z][A-Za-z .]{1,30}\\))\\s*(?:--|—|–)");
  /** "新华社北京6月18日电", "中新网北京6月18日电". */
  private static final Pattern CHINESE_DATELINE = Pattern.compile("^((?:新华社|中新社|中新网)[^电。，]{1,30}电)");
  /** The last " - ", " | ", " – ", " — " or " :: " separator of a title element: what follows is the site. */
  private static final Pattern SITE_NAME_SUFFIX = Pattern.compile("\\s+(?:[-|–—·•]|::)\\s+(?!.*\\s(?:[-|–—·•]|::)\\s)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TITLE_SUFFIX = Pattern.compile(
      "\\s*[-|_–—]\\s*(?:Xinhua(?: English)?|新华网|新华社|ECNS|China News Service|中新网)\\s*$",
      Pattern.CASE_INSENSITIVE);

  /** Profile name, e.g. {@code xinhua}; also the RawArticle source. */
  public abstract String name();

  /** {@code name/version}, e.g. {@code xinhua/2}. */
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

  /**
   * The article's own publication time from standard metadata, most explicit first: JSON-LD
   * {@code datePublished}, Open Graph {@code article:published_time}, schema.org microdata, common meta names
   * (Dublin Core among them), then the first {@code <time datetime>} that is neither an update stamp nor part of
   * a reader comment. Modification times are never used.
   */
  static Optional<OffsetDateTime> metaDate(Document doc) {
    Optional<OffsetDateTime> fromJsonLd = jsonLdArticle(doc, "datePublished").flatMap(Dates::iso);
    if (fromJsonLd.isPresent()) {
      return fromJsonLd;
    }
    Optional<OffsetDateTime> fromMeta = meta(doc, "meta[property=article:published_time]",
        "meta[itemprop=datePublished]", "meta[name=publishdate]", "meta[name=pubdate]", "meta[name=PubDate]",
        "meta[name=date]", "meta[name=dc.date]", "meta[name=DC.date.issued]", "meta[name=dcterms.issued]",
        "meta[name=DC.date]").flatMap(Dates::iso);
    if (fromMeta.isPresent()) {
      return fromMeta;
    }
    for (Element time : doc.select("time[datetime], [itemprop=datePublished][datetime]")) {
      if (isUpdateOrComment(time)) {
        continue;
      }
      Optional<OffsetDateTime> t = Dates.iso(time.attr("datetime"));
      if (t.isPresent()) {
        return t;
      }
    }
    return Optional.empty();
  }

  /** An update stamp ({@code time.updated}, {@code dateModified}) or a stamp inside a reader comment. */
  private static boolean isUpdateOrComment(Element time) {
    String own = (time.className() + " " + time.attr("itemprop")).toLowerCase(Locale.ROOT);
    if (own.contains("updated") || own.contains("modified")) {
      return true;
    }
    for (Element e = time.parent(); e != null; e = e.parent()) {
      String names = (e.className() + " " + e.id()).toLowerCase(Locale.ROOT);
      if (names.contains("comment") || names.contains("reply") || names.contains("respon")) {
        return true;
      }
    }
    return false;
  }

  /**
   * A string field of the page's JSON-LD article object ({@code NewsArticle}, {@code Article},
   * {@code BlogPosting}, ..., also inside {@code @graph}); else of the first object that has the field.
   * Unreadable JSON-LD is ignored: it is the page's metadata, not its content.
   */
  static Optional<String> jsonLdArticle(Document doc, String field) {
    List<JsonNode> objects = new ArrayList<>();
    for (Element script : doc.select("script[type=application/ld+json]")) {
      try {
        collect(JSON.readTree(script.data()), objects);
      } catch (JsonProcessingException e) {
        // Broken JSON-LD is common; the page's other metadata still counts.
      }
    }
    Optional<String> fromArticle = objects.stream()
        .filter(o -> o.path("@type").toString().matches("(?i).*(Article|Posting|Report|NewsItem).*"))
        .map(o -> o.path(field))
        .filter(JsonNode::isTextual)
        .map(n -> Blocks.normalise(n.asText()))
        .filter(v -> !v.isEmpty())
        .findFirst();
    return fromArticle.or(() -> objects.stream()
        .map(o -> o.path(field))
        .filter(JsonNode::isTextual)
        .map(n -> Blocks.normalise(n.asText()))
        .filter(v -> !v.isEmpty())
        .findFirst());
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node == null) {
      return;
    }
    if (node.isArray()) {
      node.forEach(n -> collect(n, out));
    } else if (node.isObject()) {
      out.add(node);
      collect(node.get("@graph"), out);
    }
  }

  /**
   * The headline on a page no profile knows: Open Graph, then the JSON-LD headline, then Dublin Core, then an
   * {@code h1} that the title element repeats, then the article's first {@code h1}, then the title element
   * without a trailing site name ("Headline - Site", "Headline | Site").
   */
  static Optional<String> genericTitle(Document doc) {
    String pageTitle = Blocks.normalise(doc.title());
    return meta(doc, "meta[property=og:title]", "meta[name=twitter:title]")
        .or(() -> jsonLdArticle(doc, "headline"))
        .or(() -> meta(doc, "meta[name=DC.title]", "meta[name=dc.title]", "meta[name=dcterms.title]"))
        .or(() -> doc.select("h1").stream()
            .map(h -> Blocks.normalise(h.text()))
            .filter(h -> h.length() >= 10 && pageTitle.toLowerCase(Locale.ROOT).contains(h.toLowerCase(Locale.ROOT)))
            .findFirst())
        .or(() -> firstText(doc, "article h1", "main h1", "[role=main] h1"))
        .or(() -> Optional.of(pageTitle).filter(t -> !t.isEmpty()).map(SiteProfile::withoutSiteName));
  }

  /** "Headline - Site" without " - Site", when the headline part is clearly the longer one. */
  static String withoutSiteName(String title) {
    Matcher m = SITE_NAME_SUFFIX.matcher(title);
    if (m.find() && m.start() > (title.length() - m.start())) {
      return title.substring(0, m.start()).strip();
    }
    return title;
  }
}
