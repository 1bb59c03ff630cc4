package dev.wirewatch.ingest.internal.list;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.ingest.IngestException;
import dev.wirewatch.ingest.internal.extract.Dates;
import dev.wirewatch.ingest.internal.feed.FeedItem;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.Jsoup;

/**
 * Reads a Xinhua-style data source, {@code {"datasource": [{"title", "publishUrl", "publishTime", "summary", ...}]}}.
 * {@code publishUrl} is relative to the folder of the JSON (the list page's folder); {@code publishTime},
 * {@code YYYY-MM-DD HH:MM:SS} in Beijing time, is when the item was placed on the list and serves as its
 * publication time. Titles of link rows may carry HTML ({@code showTitle} is used when {@code title} is empty);
 * markup is stripped. Rows without a usable link, or whose link the source's {@link ArticleLinks} rejects, are
 * skipped; one article listed twice is one item.
 */
public final class DataSourceReader {

  private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());
  private static final DateTimeFormatter PUBLISH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

  private DataSourceReader() {
  }

  /**
   * Parses one data source.
   *
   * @param jsonUrl the URL the JSON came from (base of relative links)
   * @param links which links are articles; null accepts every http(s) link
   * @throws IngestException when the body is not JSON or has no {@code datasource} list; the message is one line
   */
  public static List<FeedItem> read(URI jsonUrl, byte[] body, ArticleLinks links) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IngestException("data source " + jsonUrl + " is not valid JSON: "
          + e.getOriginalMessage().lines().findFirst().orElse(""), e);
    } catch (IOException e) {
      throw new IngestException("data source " + jsonUrl + " cannot be read: " + e.getMessage(), e);
    }
    JsonNode rows = root == null ? null : root.get("datasource");
    if (rows == null || !rows.isArray()) {
      throw new IngestException("data source " + jsonUrl + " has no \"datasource\" list");
    }
    List<FeedItem> items = new ArrayList<>();
    Set<URI> seen = new LinkedHashSet<>();
    for (JsonNode row : rows) {
      URI link = ListPageReader.absolute(resolve(jsonUrl, text(row, "publishUrl")));
      if (link == null || links != null && !links.matches(link, jsonUrl) || !seen.add(link)) {
        continue;
      }
      String title = plain(text(row, "title"));
      if (title == null) {
        title = plain(text(row, "showTitle"));
      }
      Instant listed = publishTime(text(row, "publishTime"));
      items.add(new FeedItem(link, title, plain(text(row, "summary")),
          listed != null ? listed : ListPageReader.urlDate(link), null));
    }
    return items;
  }

  private static String resolve(URI base, String href) {
    if (href == null || href.isBlank()) {
      return null;
    }
    try {
      return base.resolve(href.trim().replace(" ", "%20")).toString();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String text(JsonNode row, String field) {
    JsonNode n = row.get(field);
    return n == null || !n.isValueNode() || n.isNull() ? null : n.asText();
  }

  /** The text of a title or summary that may hold markup and entities, white space normalised; null if empty. */
  static String plain(String html) {
    if (html == null) {
      return null;
    }
    String t = Jsoup.parse(html).text().replace('\u00A0', ' ').replaceAll("\\s+", " ").trim();
    return t.isEmpty() ? null : t;
  }

  private static Instant publishTime(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDateTime.parse(value.trim(), PUBLISH_TIME).atZone(Dates.BEIJING).toInstant();
    } catch (DateTimeParseException e) {
      // A row with an odd time still lists an article; the date in its URL will do.
      return null;
    }
  }
}
