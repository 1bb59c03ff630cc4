package dev.wirewatch.ingest.internal.feed;

import static dev.wirewatch.ingest.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.ingest.IngestException;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedParserTest {

  private static ParsedFeed parse(String feed, String feedUrl) {
    return FeedParser.parse(URI.create(feedUrl), bytes("feeds/" + feed), "application/rss+xml");
  }

  @Test
  void rss2() {
    // Given / When
    ParsedFeed feed = parse("rss2.xml", "https://english.news.cn/rss/chinarss.xml");

    // Then
    assertEquals("rss_2.0", feed.feedType());
    assertEquals(2, feed.items().size());
    FeedItem first = feed.items().get(0);
    assertEquals(URI.create("https://english.news.cn/20240618/0123456789abcdef0123456789abcdef/c.html"), first.link());
    assertEquals("New rail link cuts travel time across western China", first.title());
    assertEquals(Instant.parse("2024-06-18T12:45:15Z"), first.published());
  }

  @Test
  void atom() {
    // Given / When
    ParsedFeed feed = parse("atom.xml", "https://blog.example.org/feed.atom");

    // Then
    assertEquals("atom_1.0", feed.feedType());
    FeedItem entry = feed.items().get(0);
    assertEquals(URI.create("https://blog.example.org/2024/05/02/harbour"), entry.link());
    assertEquals(Instant.parse("2024-05-03T08:00:00Z"), entry.latestDate());
    assertEquals("The harbour was almost empty.", entry.description());
  }

  @Test
  void rss1() {
    // Given / When
    ParsedFeed feed = parse("rss1.xml", "https://www.ecns.cn/rss/rss.xml");

    // Then
    assertEquals("rss_1.0", feed.feedType());
    assertEquals(1, feed.items().size());
    assertEquals("www.ecns.cn", feed.items().get(0).link().getHost());
  }

  @Test
  void guidFallbackAndRelativeLinks() {
    // Given items with only a guid, a relative link, and nothing usable
    ParsedFeed feed = parse("guid-and-relative.xml", "https://www.ecns.cn/rss/rss.xml");

    // Then the first two are kept with absolute links, the third is counted as skipped
    assertEquals(2, feed.items().size());
    assertEquals(URI.create("https://www.ecns.cn/news/2024-06-19/detail-guidonly.shtml"), feed.items().get(0).link());
    assertEquals(URI.create("https://www.ecns.cn/news/2024-06-20/detail-relative.shtml"), feed.items().get(1).link());
    assertEquals(1, feed.skipped());
  }

  @Test
  void sloppyEntitiesAndBareAmpersandsAreRecovered() {
    // Given a feed using HTML entities XML does not declare and bare ampersands
    ParsedFeed feed = parse("sloppy.xml", "https://english.news.cn/rss/chinarss.xml");

    // Then it parses, entities become characters, ampersands survive
    FeedItem item = feed.items().get(0);
    assertEquals("Trade & transport: a \u2018quiet\u2019 week \u2014 R&D up, M&A down", item.title());
    assertEquals(URI.create("https://english.news.cn/20240618/aaaa/c.html?a=1&b=2"), item.link());
    assertEquals("Kept as is: & raw", item.description());
  }

  @Test
  void wrongDeclaredEncodingIsHandled() {
    // Given a feed declaring UTF-8 whose bytes are windows-1252
    ParsedFeed feed = parse("wrong-encoding.xml", "https://blog.example.org/feed");

    // Then the text is decoded correctly
    assertEquals("Cr\u00e8me br\u00fbl\u00e9e wins the vote", feed.items().get(0).title());
  }

  @Test
  void gbkDeclaredFeedIsDecodedAsGb18030() {
    // Given a GBK feed
    byte[] body = ("<?xml version=\"1.0\" encoding=\"gbk\"?><rss version=\"2.0\"><channel><title>t</title>"
        + "<link>http://www.news.cn/</link><description>d</description><item><title>高铁开通</title>"
        + "<link>http://www.news.cn/a.htm</link></item></channel></rss>").getBytes(java.nio.charset.Charset.forName("GBK"));

    // When / Then
    assertEquals("高铁开通", FeedParser.parse(URI.create("http://www.news.cn/rss.xml"), body, "text/xml").items().get(0).title());
  }

  @Test
  void xxeFeedIsRefused() {
    // Given / When
    IngestException e = assertThrows(IngestException.class, () -> parse("xxe.xml", "https://evil.example/feed"));

    // Then
    assertEquals("feed refused: it declares a DOCTYPE or entities, which are not allowed", e.getMessage());
  }

  @Test
  void billionLaughsFeedIsRefused() {
    // Given / When
    IngestException e = assertThrows(IngestException.class,
        () -> parse("billion-laughs.xml", "https://evil.example/feed"));

    // Then
    assertTrue(e.getMessage().startsWith("feed refused"), e.getMessage());
  }

  @Test
  void doctypeAfterLeadingJunkIsStillRefusedByTheParser() {
    // Given a DOCTYPE hidden behind a comment (the prolog check and Rome's own refusal both apply)
    byte[] body = "<!-- x --><!DOCTYPE rss SYSTEM \"http://evil.example/x.dtd\"><rss version=\"2.0\"></rss>"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);

    // When / Then
    assertThrows(IngestException.class, () -> FeedParser.parse(URI.create("https://evil.example/f"), body, null));
  }

  @Test
  void unrecoverableFeedIsOneLineError() {
    // Given / When
    IngestException e = assertThrows(IngestException.class, () -> parse("broken.xml", "https://example.org/f"));

    // Then
    assertTrue(e.getMessage().startsWith("feed cannot be parsed: "), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void htmlPageGivenAsFeedIsNamedAsSuchNotAsADoctype() {
    // Given an HTML page with its DOCTYPE, served as text/html, read as a feed (regression: "declares a DOCTYPE")
    byte[] page = bytes("extraction-eval/lists/ecns-politics-index.shtml");

    // When / Then
    IngestException e = assertThrows(IngestException.class,
        () -> FeedParser.parse(URI.create("https://www.ecns.cn/news/politics/index.shtml"), page, "text/html"));
    assertTrue(e.getMessage().startsWith("not a feed: https://www.ecns.cn/news/politics/index.shtml answered with an "
        + "HTML page (text/html)"), e.getMessage());
    assertFalse(e.getMessage().contains("DOCTYPE"));
  }

  @Test
  void sniffingTrustsTheBodyBeforeTheHeader() {
    byte[] rss = "\uFEFF<?xml version=\"1.0\"?>\n<!-- generated --><rss version=\"2.0\"><channel/></rss>"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] html = "\n  <!doctype html><html><body>x</body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertFalse(DocumentSniffer.isHtml(rss, "text/html; charset=utf-8"));
    assertTrue(DocumentSniffer.isHtml(html, "text/xml"));
    assertTrue(DocumentSniffer.isHtml("<div>x</div>".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/html"));
    assertFalse(DocumentSniffer.isHtml(new byte[0], null));
  }

  @Test
  void truncatedFeedKeepsTheCompleteItemsBeforeTheCut() {
    // Given an RSS feed cut off in the middle of its third item (regression: the whole feed was lost)
    String full = new String(bytes("feeds/rss2.xml"), java.nio.charset.StandardCharsets.UTF_8);
    int secondEnd = full.indexOf("</item>", full.indexOf("</item>") + 1) + "</item>".length();
    String cut = full.substring(0, secondEnd) + "<item><title>Half an ite";

    // When
    ParsedFeed feed = FeedParser.parse(URI.create("https://english.news.cn/rss/chinarss.xml"),
        cut.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/rss+xml");

    // Then both complete items are read and the cut is reported
    assertTrue(feed.cut());
    assertEquals(2, feed.items().size());
    assertEquals("New rail link cuts travel time across western China", feed.items().get(0).title());
  }

  @Test
  void truncatedAtomFeedKeepsItsCompleteEntries() {
    String full = new String(bytes("feeds/atom.xml"), java.nio.charset.StandardCharsets.UTF_8);
    String cut = full.substring(0, full.indexOf("</entry>") + "</entry>".length()) + "<entry><title>Cut";

    ParsedFeed feed = FeedParser.parse(URI.create("https://blog.example.org/feed.atom"),
        cut.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/atom+xml");

    assertTrue(feed.cut());
    assertEquals(1, feed.items().size());
  }

  @Test
  void aCompleteFeedIsNotCut() {
    assertFalse(parse("rss2.xml", "https://english.news.cn/rss/chinarss.xml").cut());
  }
}
