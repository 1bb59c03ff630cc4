package dev.wirewatch.ingest.internal.extract;

import dev.wirewatch.ingest.IngestException;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Refuses a page whose elements nest deeper than {@link #MAX_DEPTH}. The profiles measure the text of each
 * element they consider, so their time grows with depth times size: 20,000 nested {@code <div>}s (100 KB) took
 * 20 s. Browsers stop nesting at the same depth (Blink's parser), so no page meant for readers goes deeper.
 */
final class DepthLimit {

  static final int MAX_DEPTH = 512;

  private DepthLimit() {
  }

  /** @throws IngestException when an element of {@code doc} lies deeper than {@link #MAX_DEPTH} */
  static void check(Node doc, String url) {
    boolean[] tooDeep = {false};
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (depth > MAX_DEPTH) {
          tooDeep[0] = true;
          return FilterResult.STOP;
        }
        return FilterResult.CONTINUE;
      }
    }, doc);
    if (tooDeep[0]) {
      throw new IngestException("page refused: elements nested more than " + MAX_DEPTH + " levels deep: " + url);
    }
  }
}
