package dev.wirewatch.ingest.internal.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.schema.RawArticle;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ArchiveFitTest {

  private static RawArticle article(int pageBytes, int textChars) {
    return RawArticle.newBuilder().setArticleId("a1").setSource("generic").setUrl("https://example.org/a")
        .setText("é".repeat(textChars)).setPage(ByteBuffer.wrap(new byte[pageBytes])).setPageCharset("windows-1252")
        .build();
  }

  @Test
  void aSmallArticleIsArchivedWhole() {
    RawArticle small = article(1000, 1000);
    ArchiveFit.Fitted fitted = ArchiveFit.fit(small, 10_000);
    assertEquals(ArchiveFit.Outcome.WHOLE, fitted.outcome());
    assertEquals(small, fitted.record());
  }

  @Test
  void anArticleOverTheLimitLosesItsPageAndIsFlagged() {
    // Given a page whose decoded text is twice its size in UTF-8, together over the limit
    ArchiveFit.Fitted fitted = ArchiveFit.fit(article(4000, 4000), 10_000);

    // Then the page goes, the text stays, and the record says so
    assertEquals(ArchiveFit.Outcome.WITHOUT_PAGE, fitted.outcome());
    assertNull(fitted.record().getPage());
    assertNull(fitted.record().getPageCharset());
    assertTrue(fitted.record().getPageOmitted());
    assertEquals(4000, fitted.record().getText().length());
    assertTrue(ArchiveFit.encodedSize(fitted.record()) <= 10_000);
    assertTrue(fitted.encodedBytes() > 10_000);
  }

  @Test
  void anArticleTooLargeEvenWithoutItsPageIsRefused() {
    ArchiveFit.Fitted fitted = ArchiveFit.fit(article(100, 8000), 10_000);
    assertEquals(ArchiveFit.Outcome.TOO_LARGE, fitted.outcome());
    assertEquals("", fitted.record().getText());
    assertFalse(fitted.record().getPage() != null);
  }
}
