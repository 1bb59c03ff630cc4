package dev.wirewatch.ingest.internal.list;

import static dev.wirewatch.ingest.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.ingest.HostileBytes;
import dev.wirewatch.ingest.HostileInput;
import dev.wirewatch.ingest.IngestException;
import dev.wirewatch.ingest.internal.feed.FeedItem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Hostile inputs to the list-page reader and the data-source reader: each ends in a list (possibly empty) or an
 * {@link IngestException} with a one-line message, within the limits of {@link HostileInput}; and every link a
 * list yields is an absolute http(s) URL, whatever the page or the JSON said.
 */
class ListPageHostileInputTest {

  private static final URI XINHUA_LIST = URI.create("https://english.news.cn/list/latestnews.htm");
  private static final URI XINHUA_JSON = URI.create("https://english.news.cn/list/ds_7f3c2a91d4e84b6fa0c1e2d3b4a59687.json");
  private static final URI ECNS_LIST = URI.create("https://www.ecns.cn/news/politics/index.shtml");
  private static final String LISTS = "extraction-eval/lists/";
  private static final String[] PAGES = {"xinhua-en-latestnews.htm", "xinhua-zh-politics.htm", "ecns-politics-index.shtml"};
  private static final String[] JSONS = {"ds_7f3c2a91d4e84b6fa0c1e2d3b4a59687.json", "ds_3b8e1f0c9a2d4e7fb6c5d4e3f2a1b0c9.json"};

  private static final ArticleLinks XINHUA = ArticleLinks.forSource("xinhua", null).orElseThrow();
  private static final ArticleLinks ECNS = ArticleLinks.forSource("ecns", null).orElseThrow();

  private static void readPage(URI url, byte[] body, String contentType, ArticleLinks links) {
    HostileInput.Ending ending = HostileInput.run(() -> ListPageReader.read(url, body, contentType, links));
    HostileInput.assertEndsWell(ending, IngestException.class, body.length);
    if (ending.result() instanceof ListPage page) {
      assertWellFormed(page.items());
    }
  }

  private static void readJson(byte[] body) {
    HostileInput.Ending ending = HostileInput.run(() -> DataSourceReader.read(XINHUA_JSON, body, XINHUA));
    HostileInput.assertEndsWell(ending, IngestException.class, body.length);
    if (ending.result() instanceof List<?> items) {
      assertWellFormed(items.stream().map(FeedItem.class::cast).toList());
    }
  }

  private static void assertWellFormed(List<FeedItem> items) {
    for (FeedItem item : items) {
      URI link = item.link();
      assertTrue(link.isAbsolute() && link.getHost() != null && link.getScheme().matches("https?"),
          "a list yielded a link that cannot be fetched: " + link);
    }
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of("text/html; charset=utf-8", "text/html; charset=gbk", "text/html; charset=x-bogus",
        "application/json", "application/octet-stream").injectNull(0.1);
  }

  @Provide
  Arbitrary<byte[]> noise() {
    return HostileBytes.noise(4096);
  }

  @Property(tries = 60)
  void arbitraryBytesAsAListPage(@ForAll("noise") byte[] body, @ForAll("contentTypes") String contentType,
      @ForAll boolean ecns) {
    readPage(ecns ? ECNS_LIST : XINHUA_LIST, body, contentType, ecns ? ECNS : XINHUA);
  }

  @Provide
  Arbitrary<byte[]> mutatedPages() {
    return Arbitraries.of(PAGES).flatMap(page -> HostileBytes.mutated(bytes(LISTS + page)));
  }

  @Property(tries = 60)
  void mutatedListPages(@ForAll("mutatedPages") byte[] body, @ForAll("contentTypes") String contentType,
      @ForAll boolean ecns) {
    readPage(ecns ? ECNS_LIST : XINHUA_LIST, body, contentType, ecns ? ECNS : XINHUA);
  }

  @Provide
  Arbitrary<byte[]> truncatedPages() {
    return Arbitraries.of(PAGES).flatMap(page -> HostileBytes.truncated(bytes(LISTS + page)));
  }

  @Property(tries = 30)
  void truncatedListPages(@ForAll("truncatedPages") byte[] body) {
    readPage(XINHUA_LIST, body, "text/html; charset=utf-8", XINHUA);
  }

  @Property(tries = 8)
  void deeplyNestedListPages(@ForAll @IntRange(min = 1, max = 20_000) int depth, @ForAll boolean closed) {
    byte[] body = HostileBytes.nested("<html><body><div id=\"list\">", "<div class=\"item\">",
        "<a href=\"/20250614/0123456789abcdef0123456789abcdef/c.html\">t</a>", "</div>", "</div></body></html>", depth,
        closed);
    readPage(XINHUA_LIST, body, "text/html", XINHUA);
  }

  /** Links and data-source ids as a hostile page might write them: other schemes, odd hosts, broken escapes. */
  @Provide
  Arbitrary<String> hostileHrefs() {
    return Arbitraries.of("javascript:alert(1)", "data:text/html,x", "file:///etc/passwd", "//", "///c.html",
        "http://", "https://[::1", "https://%zz/20250614/0123456789abcdef0123456789abcdef/c.html",
        "../../../../20250614/0123456789abcdef0123456789abcdef/c.html", "\u0000", "  ", "#frag", "?q=1",
        "mailto:a@b", "https://english.news.cn:99999/20250614/0123456789abcdef0123456789abcdef/c.html",
        "https://english.news.cn/20250614/0123456789abcdef0123456789abcdef/c.html\u2028x");
  }

  @Property(tries = 40)
  void hostileLinksOnAListPage(@ForAll("hostileHrefs") String href, @ForAll("hostileHrefs") String dataSource) {
    String html = "<html><body><ul id=\"list\" data=\"datasource:" + dataSource + "\"><li class=\"item\"><div class=\"tit\">"
        + "<a href=\"" + href + "\">T</a></div></li></ul></body></html>";
    readPage(XINHUA_LIST, html.getBytes(StandardCharsets.UTF_8), "text/html", XINHUA);
  }

  @Provide
  Arbitrary<byte[]> mutatedJson() {
    return Arbitraries.of(JSONS).flatMap(json -> HostileBytes.mutated(bytes(LISTS + json)));
  }

  @Property(tries = 60)
  void arbitraryBytesAsADataSource(@ForAll("noise") byte[] body) {
    readJson(body);
  }

  @Property(tries = 60)
  void mutatedDataSources(@ForAll("mutatedJson") byte[] body) {
    readJson(body);
  }

  @Property(tries = 40)
  void hostileRowsInADataSource(@ForAll("hostileHrefs") String publishUrl, @ForAll("rowValues") String title,
      @ForAll("rowValues") String publishTime) {
    String json = "{\"datasource\": [{\"title\": " + title + ", \"publishUrl\": \"" + publishUrl.replace("\\", "\\\\")
        .replace("\"", "\\\"").replace("\u0000", "\\u0000") + "\", \"publishTime\": " + publishTime + "}]}";
    readJson(json.getBytes(StandardCharsets.UTF_8));
  }

  /** JSON values of the wrong type or shape where a row expects text. */
  @Provide
  Arbitrary<String> rowValues() {
    return Arbitraries.of("null", "1e999", "[]", "{}", "true", "\"\"", "\"<b>bold</b> &amp; <script>x</script>\"",
        "\"2025-13-45 25:61:61\"", "\"9999999999-01-01 00:00:00\"", "\"2025-06-14 08:30:00\"",
        "\"" + "<i>".repeat(5_000) + "\"", "\"\\ud800\"");
  }

  @Property(tries = 8)
  void deeplyNestedDataSources(@ForAll @IntRange(min = 1, max = 100_000) int depth) {
    byte[] body = HostileBytes.nested("{\"datasource\": ", "[", "1", "]", "}", depth, true);
    readJson(body);
  }
}
