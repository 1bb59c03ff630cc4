package dev.wirewatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.ingest.ArticleExtractor;
import dev.wirewatch.schema.RawArticle;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReextractionTest {

  private static final String URL = "https://english.news.cn/20240618/00112233445566778899aabbccddeeff/c.html";
  private static final String PAGE = """
      <html><head><meta charset="utf-8"><meta name="publishdate" content="2024-06-18 09:30:00"></head><body>
      <div class="header-time">2024-06-18 09:30:00</div><div class="conTop"><h1>Port volumes climb in May</h1></div>
      <div id="detailContent"><p>SHANGHAI, June 18 (Xinhua) -- Container volumes at the port rose again in May, operators said.</p>
      <p>Shipping lines added routes to Southeast Asia to meet demand.</p></div></body></html>
      """;

  private static RawArticle archived(String extractorVersion, boolean withPage) {
    return RawArticle.newBuilder()
        .setArticleId("a1").setSource("xinhua").setUrl(URL)
        .setTitle("old title").setText("old text that an older profile extracted")
        .setExtractorVersion(extractorVersion)
        .setPage(withPage ? ByteBuffer.wrap(PAGE.getBytes(StandardCharsets.UTF_8)) : null)
        .setPageCharset(withPage ? "utf-8" : null)
        .build();
  }

  @Test
  void anArticleFromAnOlderProfileIsExtractedAgainFromItsArchivedPage() {
    // Given an archived article stamped with a profile version that is no longer current
    AtomicInteger counter = new AtomicInteger();
    RawArticle old = archived("xinhua/0", true);

    // When it is refreshed
    RawArticle fresh = Reextraction.refresh(new ArticleExtractor(), old, counter);

    // Then it carries the current profile's extraction and the count says so
    assertEquals(ArticleExtractor.profileVersion(URI.create(URL), "xinhua"), fresh.getExtractorVersion());
    assertEquals("Port volumes climb in May", fresh.getTitle());
    assertTrue(fresh.getText().startsWith("SHANGHAI, June 18 (Xinhua) -- Container volumes"), fresh.getText());
    assertEquals("2024-06-18T09:30:00+08:00", fresh.getPublishedAt());
    assertEquals(1, counter.get());
  }

  @Test
  void currentArticlesAndArticlesWithoutAPageAreLeftAsArchived() {
    AtomicInteger counter = new AtomicInteger();
    RawArticle current = archived(ArticleExtractor.profileVersion(URI.create(URL), "xinhua"), true);
    RawArticle noPage = archived("xinhua/0", false);
    assertSame(current, Reextraction.refresh(new ArticleExtractor(), current, counter));
    assertSame(noPage, Reextraction.refresh(new ArticleExtractor(), noPage, counter));
    assertEquals(0, counter.get());
  }
}
