package dev.wirewatch.ingest.internal.feed;

import static dev.wirewatch.ingest.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.ingest.HostileBytes;
import dev.wirewatch.ingest.HostileInput;
import dev.wirewatch.ingest.IngestException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Hostile inputs to {@link FeedParser}: each ends in a parsed feed or an {@link IngestException} with a one-line
 * message, within the time and allocation limits of {@link HostileInput}.
 */
class FeedParserHostileInputTest {

  private static final URI FEED_URL = URI.create("https://www.example.cn/rss/news.xml");
  private static final String[] SEEDS = {"rss2.xml", "atom.xml", "rss1.xml", "sloppy.xml", "guid-and-relative.xml",
      "wrong-encoding.xml"};

  private static HostileInput.Ending parse(byte[] body, String contentType) {
    HostileInput.Ending ending = HostileInput.run(() -> FeedParser.parse(FEED_URL, body, contentType));
    HostileInput.assertEndsWell(ending, IngestException.class, body.length);
    return ending;
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of("application/rss+xml", "text/xml; charset=utf-8", "application/atom+xml; charset=gbk",
        "text/html; charset=x-bogus", "application/xml; charset=utf-32", "text/xml; charset=\"utf-16\"",
        "application/octet-stream").injectNull(0.1);
  }

  @Provide
  Arbitrary<byte[]> mutatedFeeds() {
    return Arbitraries.of(SEEDS).flatMap(seed -> HostileBytes.mutated(bytes("feeds/" + seed)));
  }

  @Provide
  Arbitrary<byte[]> truncatedFeeds() {
    return Arbitraries.of(SEEDS).flatMap(seed -> HostileBytes.truncated(bytes("feeds/" + seed)));
  }

  @Property(tries = 100)
  void arbitraryBytes(@ForAll("noise") byte[] body, @ForAll("contentTypes") String contentType) {
    parse(body, contentType);
  }

  @Provide
  Arbitrary<byte[]> noise() {
    return HostileBytes.noise(4096);
  }

  @Property(tries = 80)
  void mutatedFeedsEndInAFeedOrOneLine(@ForAll("mutatedFeeds") byte[] body,
      @ForAll("contentTypes") String contentType) {
    parse(body, contentType);
  }

  @Property(tries = 30)
  void truncatedFeedsEndInAFeedOrOneLine(@ForAll("truncatedFeeds") byte[] body) {
    parse(body, "application/rss+xml");
  }

  @Property(tries = 12)
  void deepNesting(@ForAll @IntRange(min = 1, max = 200_000) int depth, @ForAll boolean inItem,
      @ForAll boolean closed) {
    byte[] body = inItem
        ? HostileBytes.nested("<rss version=\"2.0\"><channel><title>t</title><item><link>https://www.example.cn/a"
            + "</link><description>", "<div>", "deep", "</div>", "</description></item></channel></rss>", depth, closed)
        : HostileBytes.nested("<rss version=\"2.0\"><channel>", "<x>", "", "</x>", "</channel></rss>", depth, closed);
    parse(body, "application/rss+xml");
  }

  /** Found by {@link #deepNesting}: Rome's tree took 9 s for 20,000 nested elements, hours for 5 MB. */
  @Example
  void deeplyNestedFeedIsRefused() {
    byte[] body = HostileBytes.nested("<rss version=\"2.0\"><channel>", "<x>", "", "</x>", "</channel></rss>", 20_000,
        true);
    HostileInput.Ending ending = parse(body, "application/rss+xml");
    assertEquals("feed refused: elements nested more than 512 levels deep", ending.thrown().getMessage());
  }

  @Example
  void nestingUpToTheLimitIsParsed() {
    // 510 levels inside <rss><channel>: 512 in all, comments, CDATA and self-closing tags not counted
    byte[] body = HostileBytes.nested("<rss version=\"2.0\"><channel><!-- <a><b> --><title>t</title><item>"
        + "<link>https://www.example.cn/a.html</link><br/><![CDATA[<c><d>]]></item>", "<x a='>'>", "", "</x>",
        "</channel></rss>", 509, true);
    HostileInput.Ending ending = parse(body, "application/rss+xml");
    assertTrue(ending.result() instanceof ParsedFeed, String.valueOf(ending.thrown()));
  }

  /** Entity expansion and external entities, wherever the declaration hides: none is ever expanded. */
  @Property(tries = 40)
  void entitiesAreNeverExpanded(@ForAll("entityAttacks") String attack) {
    byte[] body = attack.getBytes(StandardCharsets.UTF_8);
    HostileInput.Ending ending = parse(body, "application/rss+xml");
    if (ending.result() instanceof ParsedFeed feed) {
      for (FeedItem item : feed.items()) {
        String text = item.title() + " " + item.description();
        assertFalse(text.contains("lollollol"), "expanded: " + text);
        assertFalse(text.contains("root:"), "external entity read: " + text);
      }
    }
  }

  @Provide
  Arbitrary<String> entityAttacks() {
    String laughs = "<!ENTITY lol \"lol\"><!ENTITY l2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
        + "<!ENTITY l3 \"&l2;&l2;&l2;&l2;&l2;&l2;&l2;&l2;\"><!ENTITY l4 \"&l3;&l3;&l3;&l3;&l3;&l3;&l3;&l3;\">";
    Arbitrary<String> declaration = Arbitraries.of(
        "<!DOCTYPE rss [" + laughs + "]>",
        "<!doctype rss [" + laughs + "]>",
        "<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
        "<!DOCTYPE rss [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.dtd\"> %p;]>",
        "<!DOCTYPE rss SYSTEM \"http://127.0.0.1:1/rss.dtd\">",
        laughs);
    Arbitrary<String> place = Arbitraries.of("prolog", "after-comment", "after-bom", "in-channel", "in-title");
    Arbitrary<String> reference = Arbitraries.of("&l4;", "&xxe;", "&lol;", "&undeclared;");
    return net.jqwik.api.Combinators.combine(declaration, place, reference).as((decl, where, ref) -> {
      String item = "<item><title>T " + (where.equals("in-title") ? decl : "") + ref + "</title>"
          + "<link>https://www.example.cn/a.html</link><description>" + ref + "</description></item>";
      String channel = "<rss version=\"2.0\"><channel>" + (where.equals("in-channel") ? decl : "") + "<title>t</title>"
          + item + "</channel></rss>";
      return switch (where) {
        case "prolog" -> "<?xml version=\"1.0\"?>" + decl + channel;
        case "after-comment" -> "<?xml version=\"1.0\"?><!-- note -->\n" + decl + channel;
        case "after-bom" -> "\uFEFF" + decl + channel;
        default -> "<?xml version=\"1.0\"?>" + channel;
      };
    });
  }

  @Property(tries = 60)
  void invalidOrMisleadingCharsets(@ForAll("encodings") String declared, @ForAll("contentTypes") String contentType,
      @ForAll("bodyCharsets") String actual) {
    String xml = "<?xml version=\"1.0\" encoding=\"" + declared + "\"?><rss version=\"2.0\"><channel><title>t</title>"
        + "<item><title>Zhōngguó 中国 «ça»</title><link>https://www.example.cn/a.html</link></item></channel></rss>";
    byte[] body = xml.getBytes(java.nio.charset.Charset.forName(actual));
    HostileInput.Ending ending = parse(body, contentType);
    if (ending.result() instanceof ParsedFeed feed) {
      assertTrue(feed.items().size() <= 1);
    }
  }

  @Provide
  Arbitrary<String> encodings() {
    return Arbitraries.of("UTF-8", "utf-16", "UTF-32", "x-bogus", "", "GB2312", "windows-1252", "ISO-8859-1",
        "Shift_JIS", "UTF-7", "ebcdic-cp-us", "a".repeat(300));
  }

  @Provide
  Arbitrary<String> bodyCharsets() {
    return Arbitraries.of("UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "windows-1252", "UTF-32");
  }
}
