package dev.wirewatch.ingest.internal.feed;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves what can be saved of a feed that was cut off (a dropped connection, a size cap, a server that stopped
 * writing): the text up to the end of its last complete item or entry, with the elements still open there closed
 * again, so the complete items before the cut parse as a feed.
 */
final class FeedRepair {

  private static final Pattern LAST_ITEM_END = Pattern.compile("</(?:[A-Za-z_][\\w.-]*:)?(?:item|entry)\\s*>");
  private static final Pattern TAG = Pattern.compile(
      "<!\\[CDATA\\[.*?]]>|<!--.*?-->|<\\?.*?\\?>|<!.*?>|<(/?)([A-Za-z_][\\w:.-]*)(?:\"[^\"]*\"|'[^']*'|[^'\">])*?(/?)>",
      Pattern.DOTALL);

  private FeedRepair() {
  }

  /** The feed cut after its last complete item, its open elements closed; empty when no item is complete. */
  static Optional<String> keepCompleteItems(String xml) {
    Matcher end = LAST_ITEM_END.matcher(xml);
    int cut = -1;
    while (end.find()) {
      cut = end.end();
    }
    if (cut < 0) {
      return Optional.empty();
    }
    String kept = xml.substring(0, cut);
    Deque<String> open = new ArrayDeque<>();
    Matcher tag = TAG.matcher(kept);
    while (tag.find()) {
      String name = tag.group(2);
      if (name == null || !tag.group(3).isEmpty()) {
        continue;
      }
      if (tag.group(1).isEmpty()) {
        open.push(name);
      } else {
        // Pop back to the matching start tag; a stray end tag changes nothing.
        if (open.contains(name)) {
          while (!open.pop().equals(name)) {
            // unwinding elements the feed left unclosed
          }
        }
      }
    }
    StringBuilder repaired = new StringBuilder(kept);
    while (!open.isEmpty()) {
      repaired.append("</").append(open.pop()).append('>');
    }
    return Optional.of(repaired.toString());
  }
}
