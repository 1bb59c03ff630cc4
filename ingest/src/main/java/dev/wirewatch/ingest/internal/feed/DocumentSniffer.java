package dev.wirewatch.ingest.internal.feed;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells an XML feed from an HTML page by what the body starts with (after a byte-order mark, white space, an XML
 * declaration, comments and processing instructions), and only when that says nothing, by the Content-Type: many
 * servers label feeds {@code text/html} and pages {@code text/xml}.
 */
public final class DocumentSniffer {

  private static final int SCAN_CHARS = 2048;
  private static final Pattern LEADING_NOISE = Pattern.compile(
      "^(?:\\uFEFF|\\u00EF\\u00BB\\u00BF|\\s|<\\?.*?\\?>|<!--.*?-->)*", Pattern.DOTALL);
  private static final Pattern FEED_ROOT = Pattern.compile("^<(?:rss|feed|rdf:RDF|RDF)[\\s>/]", Pattern.CASE_INSENSITIVE);
  private static final Pattern HTML_START = Pattern.compile("^<(?:!DOCTYPE\\s+html|html|head|body)[\\s>/]",
      Pattern.CASE_INSENSITIVE);

  private DocumentSniffer() {
  }

  /** True when the body is an HTML page rather than an RSS/Atom feed. */
  public static boolean isHtml(byte[] body, String contentType) {
    String head = new String(body, 0, Math.min(body.length, SCAN_CHARS), StandardCharsets.ISO_8859_1);
    // UTF-16 feeds are rare; their bytes do not sniff, so the header decides for them.
    Matcher noise = LEADING_NOISE.matcher(head);
    String start = noise.lookingAt() ? head.substring(noise.end()) : head;
    if (FEED_ROOT.matcher(start).find()) {
      return false;
    }
    if (HTML_START.matcher(start).find()) {
      return true;
    }
    String mime = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return mime.equals("text/html") || mime.equals("application/xhtml+xml");
  }
}
