package dev.wirewatch.ingest.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.ingest.IngestException;
import dev.wirewatch.ingest.internal.feed.FeedItem;
import dev.wirewatch.ingest.internal.feed.FeedParser;
import dev.wirewatch.ingest.internal.list.ArticleLinks;
import dev.wirewatch.ingest.internal.list.DataSourceReader;
import dev.wirewatch.ingest.internal.list.ListPage;
import dev.wirewatch.ingest.internal.list.ListPageReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Measures how sources are read: list pages (the data source they name, or their article links), the JSON data
 * sources, and feeds, against hand-checked expected items. The layout is {@code <dir>/lists}: {@code index.txt}
 * naming the cases, {@code <name>.expected.json} each the request ({@code url}, {@code contentType},
 * {@code source}, {@code body} file, {@code read}: list, datasource or feed) and the expected {@code dataSource}
 * and {@code items} ({@code link}, {@code title}, {@code publishedAt}). A case is right when the data source
 * and every item, in order, match exactly.
 */
public final class ListEvaluation {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ListEvaluation() {
  }

  /**
   * The result of one case.
   *
   * @param misses what differed, one line each; empty when the case is right
   */
  public record CaseResult(String name, int expectedItems, List<String> misses) {

    public CaseResult {
      misses = List.copyOf(misses);
    }

    public boolean right() {
      return misses.isEmpty();
    }
  }

  /** Every case of {@code <dir>/lists}, in index order; empty when the directory has none. */
  public static List<CaseResult> evaluate(Path dir) {
    Path lists = dir.resolve("lists");
    if (!Files.isRegularFile(lists.resolve("index.txt"))) {
      return List.of();
    }
    List<CaseResult> results = new ArrayList<>();
    try {
      for (String name : Files.readAllLines(lists.resolve("index.txt"))) {
        if (!name.isBlank()) {
          results.add(evaluateCase(lists, name.strip()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read list cases in " + lists, e);
    }
    return results;
  }

  private static CaseResult evaluateCase(Path lists, String name) throws IOException {
    JsonNode expected = JSON.readTree(lists.resolve(name + ".expected.json").toFile());
    URI url = URI.create(expected.path("url").asText());
    byte[] body = Files.readAllBytes(lists.resolve(expected.path("body").asText()));
    String contentType = expected.path("contentType").asText(null);
    ArticleLinks links = ArticleLinks.forSource(expected.path("source").asText(), null).orElse(null);
    List<String> misses = new ArrayList<>();
    URI dataSource = null;
    List<FeedItem> items;
    try {
      switch (expected.path("read").asText()) {
        case "datasource" -> items = DataSourceReader.read(url, body, links);
        case "feed" -> items = FeedParser.parse(url, body, contentType).items();
        default -> {
          ListPage page = ListPageReader.read(url, body, contentType, links);
          dataSource = page.dataSource();
          items = page.items();
        }
      }
    } catch (IngestException e) {
      return new CaseResult(name, expected.path("items").size(), List.of("error: " + e.getMessage()));
    }
    String expectedSource = expected.path("dataSource").isNull() ? null : expected.path("dataSource").asText();
    if (!Objects.equals(expectedSource, dataSource == null ? null : dataSource.toString())) {
      misses.add("dataSource: expected " + expectedSource + ", got " + dataSource);
    }
    JsonNode want = expected.path("items");
    if (want.size() != items.size()) {
      misses.add("items: expected " + want.size() + ", got " + items.size());
    }
    for (int i = 0; i < Math.min(want.size(), items.size()); i++) {
      JsonNode w = want.get(i);
      FeedItem got = items.get(i);
      compare(misses, i, "link", w.path("link").asText(), got.link().toString());
      compare(misses, i, "title", w.path("title").asText(), got.title());
      Instant wantTime = OffsetDateTime.parse(w.path("publishedAt").asText()).toInstant();
      compare(misses, i, "publishedAt", wantTime.toString(), got.published() == null ? null : got.published().toString());
    }
    return new CaseResult(name, want.size(), misses);
  }

  private static void compare(List<String> misses, int item, String field, String expected, String actual) {
    if (!Objects.equals(expected, actual)) {
      misses.add("item " + (item + 1) + " " + field + ": expected '" + expected + "', got '" + actual + "'");
    }
  }

  /** The section the extraction report prints for these cases. */
  public static String format(List<CaseResult> results) {
    if (results.isEmpty()) {
      return "";
    }
    long right = results.stream().filter(CaseResult::right).count();
    int items = results.stream().mapToInt(CaseResult::expectedItems).sum();
    StringBuilder sb = new StringBuilder(String.format("%nsources (list pages, data sources, feeds): %d of %d read exactly "
        + "(%d items: link, title, time)%n", right, results.size(), items));
    for (CaseResult r : results) {
      for (String miss : r.misses()) {
        sb.append("  ").append(r.name()).append(": ").append(miss).append('\n');
      }
    }
    return sb.toString();
  }
}
