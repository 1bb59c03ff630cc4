package dev.wirewatch.ingest.internal.list;

import dev.wirewatch.ingest.IngestException;
import dev.wirewatch.ingest.internal.extract.Dates;
import dev.wirewatch.ingest.internal.extract.PageDecoder;
import dev.wirewatch.ingest.internal.feed.FeedItem;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads an HTML list page. A Xinhua-style list element names its data source, {@code data="datasource:<32 hex>"},
 * whose items are served as {@code ds_<id>.json} (or the prefix of its {@code preview} attribute) in the page's
 * folder: then that JSON is the list. Otherwise the list is the page's links that {@link ArticleLinks} accepts,
 * resolved against the page (its {@code <base>} included), one item per article with the longest link text as
 * the title and the date in the URL path, if any, as the publication time.
 */
public final class ListPageReader {

  private static final Pattern DATA_SOURCE = Pattern.compile("^\\s*datasource:([0-9a-fA-F]{32})\\s*$");
  private static final Pattern PREVIEW = Pattern.compile("^[A-Za-z_]{1,16}$");
  private static final String DEFAULT_PREFIX = "ds_";

  private ListPageReader() {
  }

  /**
   * Reads one list page.
   *
   * @param pageUrl the URL that answered (base of relative links)
   * @param links which links are articles; null when the source has no pattern (then only a data source works)
   * @throws IngestException when the page names no data source and no pattern says which links are articles
   */
  public static ListPage read(URI pageUrl, byte[] body, String contentType, ArticleLinks links) {
    Document doc = Jsoup.parse(PageDecoder.decode(body, contentType).html(), pageUrl.toString());
    for (Element e : doc.select("[data^=datasource:]")) {
      Matcher m = DATA_SOURCE.matcher(e.attr("data"));
      if (m.matches()) {
        String preview = e.attr("preview");
        String prefix = PREVIEW.matcher(preview).matches() ? preview : DEFAULT_PREFIX;
        return new ListPage(pageUrl.resolve(prefix + m.group(1).toLowerCase(Locale.ROOT) + ".json"), List.of());
      }
    }
    if (links == null) {
      throw new IngestException("list page " + pageUrl + " names no data source, and its source has no linkPattern "
          + "to pick its article links");
    }
    Map<URI, String> titles = new LinkedHashMap<>();
    for (Element a : doc.select("a[href]")) {
      URI link = absolute(a.absUrl("href"));
      if (link == null || !links.matches(link, pageUrl)) {
        continue;
      }
      String text = a.text().replace('\u00A0', ' ').replaceAll("\\s+", " ").trim();
      titles.merge(link, text, (old, now) -> now.length() > old.length() ? now : old);
    }
    List<FeedItem> items = new ArrayList<>();
    titles.forEach((link, title) -> items.add(new FeedItem(link, title.isEmpty() ? null : title, null,
        urlDate(link), null)));
    return new ListPage(null, items);
  }

  /** An absolute http(s) URL without its fragment, or null. */
  static URI absolute(String href) {
    if (href == null || href.isBlank()) {
      return null;
    }
    String trimmed = href.trim().replace(" ", "%20");
    int hash = trimmed.indexOf('#');
    try {
      URI uri = new URI(hash < 0 ? trimmed : trimmed.substring(0, hash));
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** The date in the link's path at midnight Beijing time, or null: all a bare link says of its age. */
  static Instant urlDate(URI link) {
    return Dates.inUrl(link).map(OffsetDateTime::toInstant).orElse(null);
  }
}
