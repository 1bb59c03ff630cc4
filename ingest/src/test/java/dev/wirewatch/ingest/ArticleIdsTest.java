package dev.wirewatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArticleIdsTest {

  @Test
  void canonicalUrlNormalisesSchemeHostPortFragmentAndTracking() {
    // Given a URL with upper-case scheme/host, default port, fragment, tracking and unsorted parameters
    String url = "HTTPS://English.News.CN:443/20240618/abc/c.html?z=1&utm_source=rss&spm=a.b&a=2&fbclid=x&from=feed#top";

    // When it is canonicalised
    String canonical = ArticleIds.canonicalUrl(url);

    // Then only the content-selecting parameters remain, sorted
    assertEquals("https://english.news.cn/20240618/abc/c.html?a=2&z=1", canonical);
  }

  @Test
  void canonicalUrlKeepsNonDefaultPortAndAddsRootPath() {
    // Given / When / Then
    assertEquals("http://127.0.0.1:8080/", ArticleIds.canonicalUrl("http://127.0.0.1:8080"));
    assertEquals("http://example.org/a", ArticleIds.canonicalUrl("http://example.org:80/a?gclid=1"));
  }

  @Test
  void sameArticleSeenTwiceHasOneId() {
    // Given two spellings of one article URL
    String a = "https://english.news.cn/20240618/abc/c.html?utm_medium=feed";
    String b = "https://ENGLISH.news.cn/20240618/abc/c.html#comments";

    // When ids are derived
    String idA = ArticleIds.articleId(a);
    String idB = ArticleIds.articleId(b);

    // Then they are equal, 32 hex digits, and differ from another article's
    assertEquals(idA, idB);
    assertTrue(idA.matches("[0-9a-f]{32}"), idA);
    assertNotEquals(idA, ArticleIds.articleId("https://english.news.cn/20240618/abd/c.html"));
  }

  @Test
  void rejectsNonHttpUrl() {
    // Given / When / Then
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ArticleIds.canonicalUrl("file:///etc/passwd"));
    assertTrue(e.getMessage().startsWith("url "), e.getMessage());
  }
}
