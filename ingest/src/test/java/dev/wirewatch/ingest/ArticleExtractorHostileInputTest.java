package dev.wirewatch.ingest;

import static dev.wirewatch.ingest.Fixtures.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Hostile inputs to the page extractor: each ends in an article or an {@link IngestException} with a one-line
 * message, within the time and allocation limits of {@link HostileInput}, for every site profile.
 */
class ArticleExtractorHostileInputTest {

  /** A page fixture and a URL and feed source that choose its profile. */
  private record Seed(String page, String url, String source) {
  }

  private static final Seed[] SEEDS = {
      new Seed("xinhua-english.html", "https://english.news.cn/20240618/0123456789abcdef0123456789abcdef/c.html",
          "xinhua"),
      new Seed("xinhua-chinese-gbk.html", "http://www.news.cn/politics/2024-06/18/c_1130000000.htm", "xinhua"),
      new Seed("ecns.html", "https://www.ecns.cn/news/sci-tech/2024-06-19/detail-ihaaaaaa1234567.shtml", "ecns"),
      new Seed("generic-blog.html", "https://blog.example.org/2024/05/02/harbour", "generic")};

  /** A hostile page and the seed whose URL and source it is extracted under. */
  private record Page(Seed seed, byte[] bytes) {
  }

  private static final ArticleExtractor EXTRACTOR = new ArticleExtractor();

  private static HostileInput.Ending extract(Seed seed, byte[] page, String contentType) {
    HostileInput.Ending ending = HostileInput.run(
        () -> EXTRACTOR.extract(URI.create(seed.url()), page, contentType, seed.source()));
    HostileInput.assertEndsWell(ending, IngestException.class, page.length);
    if (ending.result() instanceof ExtractedArticle article) {
      // Whatever the page, the article's size stays within what the page could hold.
      int text = article.text() == null ? 0 : article.text().length();
      assertTrue(text <= 2 * page.length + 16, "text of " + text + " chars from " + page.length + " bytes");
    }
    return ending;
  }

  @Provide
  Arbitrary<Seed> seeds() {
    return Arbitraries.of(SEEDS);
  }

  @Provide
  Arbitrary<String> contentTypes() {
    return Arbitraries.of("text/html", "text/html; charset=utf-8", "text/html; charset=gbk",
        "text/html; charset=x-bogus", "text/html; charset=utf-32", "application/xhtml+xml", "text/plain",
        "application/octet-stream", "image/png").injectNull(0.2);
  }

  @Provide
  Arbitrary<byte[]> noise() {
    return HostileBytes.noise(4096);
  }

  @Property(tries = 100)
  void arbitraryBytes(@ForAll("seeds") Seed seed, @ForAll("noise") byte[] page,
      @ForAll("contentTypes") String contentType) {
    extract(seed, page, contentType);
  }

  @Provide
  Arbitrary<Page> mutatedPages() {
    return Arbitraries.of(SEEDS).flatMap(seed -> HostileBytes.mutated(bytes("pages/" + seed.page()))
        .map(page -> new Page(seed, page)));
  }

  @Property(tries = 40)
  void mutatedPagesEndInAnArticleOrOneLine(@ForAll("mutatedPages") Page page,
      @ForAll("contentTypes") String contentType) {
    extract(page.seed(), page.bytes(), contentType);
  }

  @Provide
  Arbitrary<Page> truncatedPages() {
    return Arbitraries.of(SEEDS).flatMap(seed -> HostileBytes.truncated(bytes("pages/" + seed.page()))
        .map(page -> new Page(seed, page)));
  }

  @Property(tries = 10)
  void truncatedPagesEndInAnArticleOrOneLine(@ForAll("truncatedPages") Page page) {
    extract(page.seed(), page.bytes(), null);
  }

  @Property(tries = 8)
  void deepNesting(@ForAll("seeds") Seed seed, @ForAll @IntRange(min = 1, max = 5_000) int depth,
      @ForAll("nestingTags") String tag, @ForAll boolean closed) {
    byte[] page = HostileBytes.nested("<html><head><title>Deep</title></head><body><div id=\"detailContent\">",
        "<" + tag + ">", "BEIJING, June 18 (Xinhua) -- Deep text.", "</" + tag + ">", "</div></body></html>", depth,
        closed);
    extract(seed, page, "text/html; charset=utf-8");
  }

  /** Found by {@link #deepNesting}: 20,000 nested blocks took 20 s to extract; now refused at once. */
  @Example
  void deeplyNestedPageIsRefused() {
    byte[] page = HostileBytes.nested("<html><body><div id=\"detailContent\">", "<div>", "BEIJING -- Text.",
        "</div>", "</div></body></html>", 5_000, true);
    HostileInput.Ending ending = extract(SEEDS[0], page, "text/html");
    assertEquals("page refused: elements nested more than 512 levels deep: " + SEEDS[0].url(),
        ending.thrown().getMessage());
  }

  @Provide
  Arbitrary<String> nestingTags() {
    return Arbitraries.of("div", "p", "span", "b", "table", "li", "font");
  }

  /** HTML has no DTD to expand, but references by the thousand must stay linear. */
  @Property(tries = 12)
  void entitySoup(@ForAll("seeds") Seed seed, @ForAll("references") String reference,
      @ForAll @IntRange(min = 1, max = 20_000) int count) {
    String html = "<html><head><title>" + reference.repeat(Math.min(count, 500)) + "</title></head><body>"
        + "<div id=\"detailContent\"><p>" + reference.repeat(count) + "</p></div></body></html>";
    extract(seed, html.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
  }

  @Provide
  Arbitrary<String> references() {
    return Arbitraries.of("&nbsp;", "&amp;", "&#0;", "&#x110000;", "&#99999999999;", "&bogus;", "&", "&lt;p&gt;",
        "&NotNestedGreaterGreater;", "&#xD800;");
  }

  @Property(tries = 40)
  void invalidOrMisleadingCharsets(@ForAll("seeds") Seed seed, @ForAll("metaCharsets") String meta,
      @ForAll("contentTypes") String contentType, @ForAll("bodyCharsets") String actual) {
    String html = "<html><head><meta charset=\"" + meta + "\"><title>Zhōngguó 中国 «ça»</title></head><body>"
        + "<div id=\"detailContent\"><p>BEIJING, June 18 (Xinhua) -- Text 中文 here.</p></div></body></html>";
    extract(seed, html.getBytes(java.nio.charset.Charset.forName(actual)), contentType);
  }

  @Provide
  Arbitrary<String> metaCharsets() {
    return Arbitraries.of("utf-8", "gbk", "x-bogus", "", "utf-16", "UTF-32", "x-user-defined", "a".repeat(300),
        "replacement");
  }

  @Provide
  Arbitrary<String> bodyCharsets() {
    return Arbitraries.of("UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "windows-1252", "UTF-32");
  }
}
