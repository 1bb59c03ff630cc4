package dev.wirewatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/** One-line fixture calls for the tests: fixture bytes and extraction of a fixture page. */
public final class Fixtures {

  private Fixtures() {
  }

  /** The bytes of {@code src/test/resources/<path>}. */
  public static byte[] bytes(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Extracts fixture page {@code pages/<page>} as if fetched from {@code url} without a Content-Type. */
  public static ExtractedArticle extract(String url, String page, String sourceHint) {
    return new ArticleExtractor().extract(URI.create(url), bytes("pages/" + page), null, sourceHint);
  }
}
