package dev.wirewatch.ingest;

import static dev.wirewatch.ingest.Fixtures.extract;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArticleExtractorTest {

  private static final String XINHUA_URL = "https://english.news.cn/20240618/0123456789abcdef0123456789abcdef/c.html";

  @Test
  void xinhuaEnglish() {
    // Given / When
    ExtractedArticle a = extract(XINHUA_URL, "xinhua-english.html", "xinhua");

    // Then
    assertEquals("xinhua", a.source());
    assertEquals("xinhua/3", a.extractorVersion());
    assertEquals("New rail link cuts travel time across western China", a.title());
    assertEquals("2024-06-18T20:45:15+08:00", a.publishedAt());
    assertEquals("BEIJING, June 18 (Xinhua)", a.dateline());
    assertEquals("en", a.language());
    assertEquals(ArticleIds.articleId(XINHUA_URL), a.id());
    String[] paragraphs = a.text().split("\n\n");
    assertEquals(3, paragraphs.length, a.text());
    assertTrue(paragraphs[0].startsWith("BEIJING, June 18 (Xinhua) -- A high-speed railway"));
    assertFalse(a.text().contains("Editor"), "editor line left out");
    assertFalse(a.text().contains("Rail freight"), "related headlines left out");
    assertFalse(a.text().contains("Facebook"), "share bar left out");
  }

  @Test
  void xinhuaProfileChosenByHostWithoutHint() {
    // Given no source hint, When extracting from a news.cn URL, Then the Xinhua profile is used
    assertEquals("xinhua/3", extract(XINHUA_URL, "xinhua-english.html", null).extractorVersion());
  }

  @Test
  void xinhuaChineseGbkPage() {
    // Given a GB2312-declared Chinese Xinhua page, When extracted
    ExtractedArticle a = extract("http://www.news.cn/politics/2024-06/18/c_1130000000.htm",
        "xinhua-chinese-gbk.html", "generic");

    // Then the text is decoded, Chinese, and furniture-free
    assertEquals("xinhua", a.source());
    assertEquals("西部地区新高铁开通运营", a.title());
    assertEquals("2024-06-18T20:45:15+08:00", a.publishedAt());
    assertEquals("新华社北京6月18日电", a.dateline());
    assertEquals("zh", a.language());
    String[] paragraphs = a.text().split("\n\n");
    assertEquals(3, paragraphs.length, a.text());
    assertTrue(paragraphs[0].startsWith("新华社北京6月18日电"), paragraphs[0]);
    assertFalse(a.text().contains("责任编辑"));
    assertFalse(a.text().contains("纠错"));
  }

  @Test
  void ecns() {
    // Given / When
    ExtractedArticle a = extract("https://www.ecns.cn/news/sci-tech/2024-06-19/detail-ihaaaaaa1234567.shtml",
        "ecns.html", "ecns");

    // Then
    assertEquals("ecns/2", a.extractorVersion());
    assertEquals("Coastal city opens floating solar farm", a.title());
    assertEquals("2024-06-19T09:44:21+08:00", a.publishedAt());
    assertEquals("(ECNS)", a.dateline());
    assertEquals(3, a.text().split("\n\n").length, a.text());
    assertTrue(a.text().startsWith("(ECNS) -- A floating solar farm"));
    assertFalse(a.text().contains("Editor"));
    assertFalse(a.text().contains("Wind power"));
  }

  @Test
  void genericBlog() {
    // Given / When
    ExtractedArticle a = extract("https://blog.example.org/2024/05/02/harbour", "generic-blog.html", "blog");

    // Then
    assertEquals("generic/2", a.extractorVersion());
    assertEquals("Notes from a quiet harbour", a.title());
    assertEquals("2024-05-02T07:30:00+01:00", a.publishedAt());
    assertEquals("en", a.language());
    String[] paragraphs = a.text().split("\n\n");
    assertEquals(3, paragraphs.length, a.text());
    assertTrue(paragraphs[0].startsWith("The harbour was almost empty"));
    assertFalse(a.text().contains("Popular posts"));
    assertFalse(a.text().contains("Copyright"));
  }

  @Test
  void dateFromUrlWhenPageHasNone() {
    // Given a Xinhua page without any time element
    byte[] page = "<html><body><div id=\"detail\"><p>BEIJING, June 3 (Xinhua) -- Short text.</p></div></body></html>"
        .getBytes(StandardCharsets.UTF_8);

    // When / Then
    ExtractedArticle a = new ArticleExtractor().extract(URI.create("https://english.news.cn/20240603/abc/c.html"),
        page, "text/html; charset=utf-8", "xinhua");
    assertEquals("2024-06-03T00:00:00+08:00", a.publishedAt());
  }

  @Test
  void oldXinhuaPageWithGmtStampIsConvertedToBeijingTime() {
    // Given an old-style page header giving GMT first, then Beijing time
    byte[] page = ("<html><body><div class=\"time\">2012-07-25 17:05:41 GMT2012-07-26 01:05:41(Beijing Time)</div>"
        + "<div id=\"Content\"><p>WASHINGTON, July 25 (Xinhua) -- Body.</p></div></body></html>")
        .getBytes(StandardCharsets.UTF_8);

    // When / Then
    ExtractedArticle a = new ArticleExtractor().extract(
        URI.create("http://news.xinhuanet.com/english/china/2012-07/25/c_131739000.htm"), page, null, null);
    assertEquals("2012-07-26T01:05:41+08:00", a.publishedAt());
    assertEquals("WASHINGTON, July 25 (Xinhua)", a.dateline());
  }

  @Test
  void pageWithoutArticleIsBadInput() {
    // Given an empty HTML shell
    byte[] page = "<html><head></head><body></body></html>".getBytes(StandardCharsets.UTF_8);

    // When / Then
    IngestException e = assertThrows(IngestException.class,
        () -> new ArticleExtractor().extract(URI.create("https://example.org/x"), page, null, null));
    assertTrue(e.getMessage().startsWith("no article found in page https://example.org/x"), e.getMessage());
  }

  @Test
  void nonHtmlContentTypeIsBadInput() {
    // Given / When / Then
    IngestException e = assertThrows(IngestException.class, () -> new ArticleExtractor().extract(
        URI.create("https://example.org/x.pdf"), new byte[] {1, 2, 3}, "application/pdf", null));
    assertEquals("not an HTML page: Content-Type application/pdf", e.getMessage());
  }
}
