package dev.wirewatch.ingest.internal.list;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.ingest.Fixtures;
import dev.wirewatch.ingest.IngestException;
import dev.wirewatch.ingest.internal.feed.FeedItem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ListPageReaderTest {

  private static final URI XINHUA_LIST = URI.create("https://english.news.cn/list/latestnews.htm");
  private static final ArticleLinks XINHUA = ArticleLinks.forSource("xinhua", null).orElseThrow();
  private static final ArticleLinks ECNS = ArticleLinks.forSource("ecns", null).orElseThrow();

  @Test
  void aListThatNamesADataSourceIsReadFromItsJson() {
    // Given the English latest-news page, which names its data source on the list element
    byte[] page = Fixtures.bytes("extraction-eval/lists/xinhua-en-latestnews.htm");

    // When it is read
    ListPage list = ListPageReader.read(XINHUA_LIST, page, "text/html; charset=utf-8", XINHUA);

    // Then the JSON in the page's folder is the list, not the rows rendered into the page
    assertEquals(URI.create("https://english.news.cn/list/ds_7f3c2a91d4e84b6fa0c1e2d3b4a59687.json"), list.dataSource());
    assertTrue(list.items().isEmpty());
  }

  @Test
  void dataSourceRowsAreResolvedAgainstTheFolderStrippedOfMarkupAndDatedInBeijingTime() {
    // Given the data source of the English list, with relative links and HTML in titles
    URI json = URI.create("https://english.news.cn/list/ds_7f3c2a91d4e84b6fa0c1e2d3b4a59687.json");

    // When it is read
    List<FeedItem> items = DataSourceReader.read(json,
        Fixtures.bytes("extraction-eval/lists/ds_7f3c2a91d4e84b6fa0c1e2d3b4a59687.json"), XINHUA);

    // Then four articles (the special page is no article), absolute, with plain titles
    assertEquals(4, items.size());
    assertEquals(URI.create("https://english.news.cn/20250614/c4d1e2f3a4b5c6d7e8f90a1b2c3d4e5f/c.html"),
        items.get(0).link());
    assertEquals(Instant.parse("2025-06-14T01:40:12Z"), items.get(0).published());
    assertEquals("Freight carried by rail rose for a fourth month in a row, operators said.",
        items.get(0).description());
    assertEquals("Live: Summer grain harvest & storage", items.get(2).title());
    assertNull(items.get(2).description());
    assertEquals("Museum night openings extended", items.get(3).title());
    assertEquals(URI.create("https://english.news.cn/world/20250613/9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a/c.html"),
        items.get(3).link());
  }

  @Test
  void chineseSectionPageAndItsDataSource() {
    // Given the Chinese politics page and its JSON
    URI page = URI.create("https://www.news.cn/politics/xhsxw.htm");
    ListPage list = ListPageReader.read(page, Fixtures.bytes("extraction-eval/lists/xinhua-zh-politics.htm"), null, XINHUA);

    // When the data source is read
    List<FeedItem> items = DataSourceReader.read(list.dataSource(),
        Fixtures.bytes("extraction-eval/lists/ds_3b8e1f0c9a2d4e7fb6c5d4e3f2a1b0c9.json"), XINHUA);

    // Then links are under the page's folder and titles lose their markup
    assertEquals(URI.create("https://www.news.cn/politics/ds_3b8e1f0c9a2d4e7fb6c5d4e3f2a1b0c9.json"), list.dataSource());
    assertEquals(URI.create("https://www.news.cn/politics/20250614/6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d/c.html"),
        items.get(0).link());
    assertEquals("权威发布｜新修订的防洪法实施细则出台", items.get(1).title());
  }

  @Test
  void aListWithoutDataSourceYieldsItsArticleLinksOncePerArticle() {
    // Given an ECNS section page: an image link and a title link per story, menu and pager links around them
    URI page = URI.create("https://www.ecns.cn/news/politics/index.shtml");

    // When it is read
    ListPage list = ListPageReader.read(page, Fixtures.bytes("extraction-eval/lists/ecns-politics-index.shtml"), null, ECNS);

    // Then one item per article, relative and protocol-relative links resolved, fragments dropped
    assertNull(list.dataSource());
    List<String> links = list.items().stream().map(i -> i.link().toString()).toList();
    assertEquals(List.of(
        "https://www.ecns.cn/news/politics/2025-06-14/detail-ihfqkzra3021547.shtml",
        "https://www.ecns.cn/news/politics/2025-06-13/detail-ihfqhwet8895310.shtml",
        "https://www.ecns.cn/news/society/2025-06-13/detail-ihfqhvax1176024.shtml"), links);
    assertEquals("Premier meets visiting delegation on trade ties", list.items().get(0).title());
    // And the date in the URL is the publication time, midnight in Beijing
    assertEquals(Instant.parse("2025-06-13T16:00:00Z"), list.items().get(0).published());
  }

  @Test
  void aGenericListNeedsItsOwnPattern() {
    // Given a generic page without data source
    byte[] page = "<html><body><a href=\"/2025/06/harbour-reopens.html\">Harbour</a><a href=\"/about\">About</a></body></html>"
        .getBytes(StandardCharsets.UTF_8);
    URI url = URI.create("https://news.example.org/latest/");

    // When read without a pattern, Then it is an error naming the missing linkPattern
    IngestException e = assertThrows(IngestException.class, () -> ListPageReader.read(url, page, "text/html", null));
    assertTrue(e.getMessage().contains("linkPattern"), e.getMessage());

    // And with one, only the matching link is an article
    ArticleLinks own = ArticleLinks.forSource("generic", Pattern.compile("/\\d{4}/\\d{2}/[a-z0-9-]+\\.html$")).orElseThrow();
    List<FeedItem> items = ListPageReader.read(url, page, "text/html", own).items();
    assertEquals(1, items.size());
    assertEquals("https://news.example.org/2025/06/harbour-reopens.html", items.get(0).link().toString());
  }

  @Test
  void wireArticleUrlsAreRecognisedOnTheWireHostsOnly() {
    URI list = URI.create("https://english.news.cn/list/latestnews.htm");
    assertTrue(XINHUA.matches(URI.create("https://www.news.cn/world/20250614/0123456789abcdef0123456789abcdef/c.html"), list));
    assertTrue(XINHUA.matches(URI.create("http://www.xinhuanet.com/20250614/0123456789abcdef0123456789abcdef/c.html"), list));
    assertFalse(XINHUA.matches(URI.create("https://mirror.example.com/20250614/0123456789abcdef0123456789abcdef/c.html"), list));
    assertFalse(XINHUA.matches(URI.create("https://english.news.cn/20250614/0123456789abcdef/c.html"), list));
    assertTrue(ECNS.matches(URI.create("https://www.ecns.cn/news/sci-tech/2025-06-14/detail-ihfqkzra3021547.shtml"), list));
    assertFalse(ECNS.matches(URI.create("https://www.ecns.cn/news/politics/index.shtml"), list));
  }

  @Test
  void badJsonIsOneLineError() {
    URI json = URI.create("https://english.news.cn/list/ds_0.json");
    IngestException e = assertThrows(IngestException.class,
        () -> DataSourceReader.read(json, "{\"datasource\": [".getBytes(StandardCharsets.UTF_8), XINHUA));
    assertTrue(e.getMessage().startsWith("data source https://english.news.cn/list/ds_0.json is not valid JSON"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    IngestException noList = assertThrows(IngestException.class,
        () -> DataSourceReader.read(json, "{\"rows\": []}".getBytes(StandardCharsets.UTF_8), XINHUA));
    assertTrue(noList.getMessage().contains("no \"datasource\" list"), noList.getMessage());
  }
}
