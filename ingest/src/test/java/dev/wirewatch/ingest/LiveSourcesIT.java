package dev.wirewatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.schema.FeedStatus;
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.DlqHeaders;
import dev.wirewatch.schema.topic.Topics;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Live sources against a real embedded broker and a real HTTP server on 127.0.0.1: list pages with and without
 * a JSON data source, freshness states, the age gate, and articles too large for the archive.
 */
class LiveSourcesIT extends BrokerAndSiteIT {

  private static final String HTML = "text/html; charset=utf-8";
  private static final String JSON = "application/json; charset=utf-8";
  private static final String RSS = "application/rss+xml; charset=utf-8";
  private static final DateTimeFormatter PUBLISH_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(8));
  private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  @Test
  void dataSourceListIsReadFromItsJsonAndAnsweredConditionallyTheSecondTime() {
    // Given a Xinhua-style list page naming a data source whose rows link relative article pages
    String dsId = hex("ds-list");
    String a1 = "/tds/" + day(0) + "/" + hex("tds-1") + "/c.html";
    String a2 = "/tds/world/" + day(0) + "/" + hex("tds-2") + "/c.html";
    server.serve(a1, HTML, page("Grain arrives early", "BEIJING, June 14 (Xinhua) -- The harvest came in early."));
    server.serve(a2, HTML, page("Ferry line opens", "BEIJING, June 14 (Xinhua) -- A ferry line opened."));
    server.serveConditional("/tds/list/latestnews.htm", HTML, listPage(dsId));
    server.serveConditional("/tds/list/ds_" + dsId + ".json", JSON, dataSource(
        row("<font color=\"red\">Grain</font> arrives early", "../" + a1.substring(5), hoursAgo(2)),
        row("Ferry line opens", "../" + a2.substring(5), hoursAgo(3))));
    FeedSource list = source("xinhua", "/tds/list/latestnews.htm");

    try (IngestService service = new IngestService(settings(list), kafka.clientProperties())) {
      // When polled twice without change
      PollSummary first = service.pollAllOnce();
      PollSummary second = service.pollAllOnce();

      // Then both articles are archived once, with markup stripped from what the list said
      assertEquals(2, first.articlesNew());
      assertEquals(0, second.articlesNew() + second.articlesChanged());
      assertEquals("Grain arrives early", last(articles(server.url(a1))).getTitle());
      assertEquals(server.url("/tds/list/latestnews.htm"), last(articles(server.url(a2))).getFeedUrl());
      // And the second poll was answered 304 for the page and the JSON, no page fetched again
      assertEquals(1, server.notModified("/tds/list/latestnews.htm"));
      assertEquals(1, server.notModified("/tds/list/ds_" + dsId + ".json"));
      assertEquals(1, server.hits(a1));
      assertEquals(1, server.hits(a2));
      List<FeedStatus> statuses = statuses(server.url("/tds/list/latestnews.htm"));
      FeedStatus firstStatus = statuses.get(0);
      assertEquals("list", firstStatus.getKind());
      assertEquals("ok", firstStatus.getState());
      assertNotNull(firstStatus.getNewestItemAt());
      FeedStatus again = statuses.get(1);
      assertEquals(304, again.getHttpStatus());
      assertEquals("ok", again.getState());
      assertEquals(firstStatus.getNewestItemAt(), again.getNewestItemAt());
    }
  }

  @Test
  void dataSourceIdChangingBetweenPollsIsFollowed() {
    // Given a list page that names data source A, then data source B
    String idA = hex("id-a");
    String idB = hex("id-b");
    String a1 = "/tid/" + day(0) + "/" + hex("tid-1") + "/c.html";
    String a2 = "/tid/" + day(0) + "/" + hex("tid-2") + "/c.html";
    server.serve(a1, HTML, page("Bridge opens", "BEIJING, June 14 (Xinhua) -- A bridge opened."));
    server.serve(a2, HTML, page("Tunnel opens", "BEIJING, June 14 (Xinhua) -- A tunnel opened."));
    server.serveConditional("/tid/list/index.htm", HTML, listPage(idA));
    server.serveConditional("/tid/list/ds_" + idA + ".json", JSON, dataSource(row("Bridge opens", "../" + a1.substring(5), hoursAgo(5))));
    server.serveConditional("/tid/list/ds_" + idB + ".json", JSON, dataSource(
        row("Tunnel opens", "../" + a2.substring(5), hoursAgo(1)), row("Bridge opens", "../" + a1.substring(5), hoursAgo(5))));

    try (IngestService service = new IngestService(settings(source("xinhua", "/tid/list/index.htm")), kafka.clientProperties())) {
      PollSummary first = service.pollAllOnce();

      // When the site switches the list to another data source
      server.serveConditional("/tid/list/index.htm", HTML, listPage(idB));
      PollSummary second = service.pollAllOnce();

      // Then the new JSON is read, only the new article fetched, the old JSON not asked again
      assertEquals(1, first.articlesNew());
      assertEquals(1, second.articlesNew());
      assertEquals(2, server.hits("/tid/list/index.htm"));
      assertEquals(1, server.hits("/tid/list/ds_" + idA + ".json"));
      assertEquals(1, server.hits("/tid/list/ds_" + idB + ".json"));
      assertEquals(1, server.hits(a1));
      assertEquals(1, server.hits(a2));
    }
  }

  @Test
  void ecnsStyleHtmlListWithRelativeLinks() {
    // Given an ECNS-style section page without data source: relative links, an image and a title link per story
    String a1 = "/news/tecnspol/" + isoDay(0) + "/detail-ihfqkzra3021547.shtml";
    String a2 = "/news/tecnssoc/" + isoDay(1) + "/detail-ihfqhvax1176024.shtml";
    server.serve(a1, HTML, ecnsPage("Delegation visits port", "(ECNS) -- A delegation toured the port on Friday."));
    server.serve(a2, HTML, ecnsPage("Night buses extended", "(ECNS) -- Six night bus lines were added."));
    String list = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Politics</title></head><body>"
        + "<ul class=\"menu\"><li><a href=\"../tecnspol/index.shtml\">Politics</a></li><li><a href=\"/photo/\">Photo</a></li></ul>"
        + "<ul class=\"bizlst dashedlne mart5 overhid\">"
        + "<li><a href=\"" + isoDay(0) + "/detail-ihfqkzra3021547.shtml\"><img src=\"x.jpg\"></a>"
        + "<h3><a href=\"" + isoDay(0) + "/detail-ihfqkzra3021547.shtml\">Delegation visits port</a></h3><b>today</b></li>"
        + "<li><h3><a href=\"../tecnssoc/" + isoDay(1) + "/detail-ihfqhvax1176024.shtml#top\">Night buses extended</a></h3></li>"
        + "</ul><div class=\"page\"><a href=\"index_2.shtml\">Next</a></div></body></html>";
    server.serve("/news/tecnspol/index.shtml", HTML, list.getBytes(StandardCharsets.UTF_8));

    try (IngestService service = new IngestService(settings(source("ecns", "/news/tecnspol/index.shtml")),
        kafka.clientProperties())) {
      // When polled
      PollSummary summary = service.pollAllOnce();

      // Then the two articles, each fetched once, nothing else
      assertEquals(2, summary.itemsSeen());
      assertEquals(2, summary.articlesNew());
      assertEquals(1, server.hits(a1));
      assertEquals(1, server.hits(a2));
      assertEquals(0, server.hits("/news/tecnspol/index_2.shtml"));
      assertEquals("Night buses extended", last(articles(server.url(a2))).getTitle());
      assertEquals("list", last(statuses(server.url("/news/tecnspol/index.shtml"))).getKind());
    }
  }

  @Test
  void feedWhoseItemsAreAllTooOldFetchesNothingAndIsStale() {
    // Given a feed still answering 200 whose newest item is years old
    String oldPage = "/tstale/2018/a.html";
    server.serve(oldPage, HTML, page("Old story", "BEIJING, May 2 (Xinhua) -- Long ago."));
    server.serve("/tstale/rss.xml", RSS, rss(item("Old story", server.url(oldPage), "Wed, 02 May 2018 08:00:00 GMT"),
        item("Older story", server.url("/tstale/2018/b.html"), "Tue, 01 May 2018 08:00:00 GMT")));
    IngestSettings settings = settings(source("xinhua", "/tstale/rss.xml"))
        .withFreshness(IngestSettings.DEFAULT_MAX_ITEM_AGE, IngestSettings.DEFAULT_STALE_AFTER);

    try (IngestService service = new IngestService(settings, kafka.clientProperties())) {
      // When polled
      PollSummary summary = service.pollAllOnce();

      // Then no page is fetched, the items count as too old and the feed is stale
      assertEquals(0, summary.articlesNew());
      assertEquals(0, server.hits(oldPage));
      FeedStatus status = last(statuses(server.url("/tstale/rss.xml")));
      assertEquals(2, status.getItemsSeen());
      assertEquals(2, status.getItemsTooOld());
      assertEquals("stale", status.getState());
      assertEquals("feed", status.getKind());
      assertEquals(Instant.parse("2018-05-02T08:00:00Z").toEpochMilli(), status.getNewestItemAt());
    }
  }

  @Test
  void notFoundOnEveryPollForADayIsGoneThenPolledDaily() {
    // Given a source that answers 404, and a clock the test moves
    MutableClock clock = new MutableClock(Instant.now());
    FeedSource feed = source("ecns", "/tgone/rss.xml");

    try (IngestService service = new IngestService(settings(feed), kafka.clientProperties(), clock)) {
      // When polled now, twelve hours later, and a day after the first poll
      service.pollAllOnce();
      clock.advance(Duration.ofHours(12));
      service.pollAllOnce();
      clock.advance(Duration.ofHours(12));
      service.pollAllOnce();

      // Then it is failing for a day, then gone, with its next poll a day later
      List<FeedStatus> statuses = statuses(server.url("/tgone/rss.xml"));
      assertEquals(List.of("failing", "failing", "gone"), statuses.stream().map(FeedStatus::getState).toList());
      FeedStatus gone = statuses.get(2);
      assertEquals(404, gone.getHttpStatus());
      assertEquals(Duration.ofDays(1).toMillis(), gone.getNextPollAt() - clock.millis());
      assertEquals(statuses.get(0).getPolledAt(), gone.getFailingSince());
    }
  }

  @Test
  void oneArticleReachedThroughAFeedAndAListIsOneRawArticle() {
    // Given an RSS feed and an ECNS list page that both link the same article
    String article = "/news/tboth/" + isoDay(0) + "/detail-ihfboth0000001.shtml";
    server.serve(article, HTML, ecnsPage("Shared report", "(ECNS) -- Listed twice."));
    server.serve("/tboth/rss.xml", RSS, rss(item("Shared report", server.url(article), RFC_1123.format(Instant.now()))));
    server.serve("/news/tboth/index.shtml", HTML, ("<html><body><ul class=\"bizlst\"><li><h3><a href=\""
        + isoDay(0) + "/detail-ihfboth0000001.shtml?from=list\">Shared report</a></h3></li></ul></body></html>")
        .getBytes(StandardCharsets.UTF_8));

    try (IngestService service = new IngestService(settings(source("ecns", "/tboth/rss.xml"),
        source("ecns", "/news/tboth/index.shtml")), kafka.clientProperties())) {
      // When both are polled
      PollSummary summary = service.pollAllOnce();

      // Then one article, fetched once
      assertEquals(1, summary.articlesNew());
      assertEquals(1, articles(server.url(article)).size());
      assertEquals(1, server.hits(article));
    }
  }

  @Test
  void htmlPageIsAListWhenKindIsUnsetAndAClearErrorWhenDeclaredAFeed() {
    // Given an HTML list page
    String article = "/tkind/" + day(0) + "/" + hex("tkind-1") + "/c.html";
    server.serve(article, HTML, page("Kind story", "BEIJING, June 14 (Xinhua) -- Read from a list."));
    server.serve("/tkind/index.htm", HTML, ("<!DOCTYPE html><html><body><a href=\"" + day(0) + "/" + hex("tkind-1")
        + "/c.html\">Kind story</a></body></html>").getBytes(StandardCharsets.UTF_8));
    FeedSource undeclared = source("xinhua", "/tkind/index.htm");
    FeedSource declaredFeed = new FeedSource("xinhua", URI.create(server.url("/tkind/index.htm") + "?as=feed"),
        Duration.ofMinutes(5)).withKind(FeedSource.Kind.FEED);

    try (IngestService service = new IngestService(settings(undeclared, declaredFeed), kafka.clientProperties())) {
      // When polled
      PollSummary summary = service.pollAllOnce();

      // Then the undeclared one is read as a list, and the declared feed fails saying what it got
      assertEquals(1, summary.articlesNew());
      assertEquals(1, summary.feedsFailed());
      FeedStatus wrong = last(statuses(declaredFeed.url().toString()));
      assertFalse(wrong.getOk());
      assertTrue(wrong.getError().contains("answered with an HTML page"), wrong.getError());
      assertFalse(wrong.getError().contains("DOCTYPE"), wrong.getError());
    }
  }

  @Test
  void articleTooLargeForTheArchiveIsKeptWithoutItsPageOrDeadLetteredAndCountedAsFailed() {
    // Given two windows-1252 pages of high bytes whose text triples in size when decoded to UTF-8: one fits the
    // archive without its page bytes, one does not fit even then (regression: lost with RecordTooLargeException
    // while the poll reported success, and fetched again on every poll)
    String fits = "/tbig/a.html";
    String huge = "/tbig/b.html";
    Charset cp1252 = Charset.forName("windows-1252");
    server.serve(fits, "text/html; charset=windows-1252", euroPage("Prices in euros", 2_300_000).getBytes(cp1252));
    server.serve(huge, "text/html; charset=windows-1252", euroPage("More prices", 3_300_000).getBytes(cp1252));
    server.serve("/tbig/rss.xml", RSS, rss(item("Prices in euros", server.url(fits), RFC_1123.format(Instant.now())),
        item("More prices", server.url(huge), RFC_1123.format(Instant.now()))));
    IngestSettings settings = settings(source("generic", "/tbig/rss.xml")).withMaxBytes(1 << 20, 4 << 20);

    try (IngestService service = new IngestService(settings, kafka.clientProperties())) {
      // When polled twice
      PollSummary first = service.pollAllOnce();
      PollSummary second = service.pollAllOnce();

      // Then both count as failed, not as new, and the feed status says why
      assertEquals(0, first.articlesNew());
      assertEquals(2, first.articlesFailed());
      FeedStatus status = statuses(server.url("/tbig/rss.xml")).get(0);
      assertFalse(status.getOk());
      assertTrue(status.getError().startsWith("2 of 2 article pages failed"), status.getError());
      // And the first is archived without its page, flagged, its text whole
      RawArticle kept = last(articles(server.url(fits)));
      assertTrue(kept.getPageOmitted());
      assertNull(kept.getPage());
      assertTrue(kept.getText().length() > 2_000_000);
      // And the second is in the dead-letter queue with the reason
      String hugeId = ArticleIds.articleId(server.url(huge));
      assertTrue(articles(server.url(huge)).isEmpty());
      ConsumerRecord<byte[], byte[]> dead = TopicRecords.read(kafka, Topics.DLQ).stream()
          .filter(r -> hugeId.equals(new String(r.key(), StandardCharsets.UTF_8))).findFirst().orElseThrow();
      String reason = new String(dead.headers().lastHeader(DlqHeaders.MESSAGE).value(), StandardCharsets.UTF_8);
      assertTrue(reason.contains("not archived"), reason);
      assertEquals("ingest", new String(dead.headers().lastHeader(DlqHeaders.STAGE).value(), StandardCharsets.UTF_8));
      // And neither page is fetched again on the next poll
      assertEquals(0, second.articlesFailed() + second.articlesNew());
      assertEquals(1, server.hits(fits));
      assertEquals(1, server.hits(huge));
    }
  }

  // ---------------------------------------------------------------- helpers

  private FeedSource source(String profile, String path) {
    return new FeedSource(profile, URI.create(server.url(path)), Duration.ofMinutes(5));
  }

  /** Short timeouts, no politeness delay, the default age gate and staleness. */
  private static IngestSettings settings(FeedSource... sources) {
    return IngestSettings.defaults(List.of(sources))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))
        .withPerHostDelay(Duration.ZERO)
        .withAllowedHosts(Set.of());
  }

  /** 32 hex digits derived from a name: stable ids that differ per test. */
  private static String hex(String name) {
    return HexFormat.of().formatHex(ArticleIds.sha256(name)).substring(0, 32);
  }

  private static String day(int daysAgo) {
    return DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.ofHours(8)).format(Instant.now().minus(Duration.ofDays(daysAgo)));
  }

  private static String isoDay(int daysAgo) {
    return DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.ofHours(8)).format(Instant.now().minus(Duration.ofDays(daysAgo)));
  }

  private static String hoursAgo(int hours) {
    return PUBLISH_TIME.format(Instant.now().minus(Duration.ofHours(hours)));
  }

  private static byte[] listPage(String dsId) {
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Latest News</title></head><body>"
        + "<div class=\"nav\"><a href=\"../china/index.htm\">China</a></div>"
        + "<div id=\"list\" class=\"list\" data=\"datasource:" + dsId + "\" datatype=\"ds\" preview=\"ds_\"></div>"
        + "</body></html>").getBytes(StandardCharsets.UTF_8);
  }

  private static String row(String title, String publishUrl, String publishTime) {
    return "{\"title\":\"" + title.replace("\"", "\\\"") + "\",\"publishUrl\":\"" + publishUrl + "\",\"publishTime\":\""
        + publishTime + "\",\"summary\":\"\",\"keywords\":\"\",\"contentId\":\"x\"}";
  }

  private static byte[] dataSource(String... rows) {
    return ("{\"datasource\":[" + String.join(",", rows) + "]}").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] page(String title, String paragraph) {
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>"
        + "<div class=\"conTop\"><h1>" + title + "</h1><div class=\"header-time\">2025-06-14 10:00:00</div></div>"
        + "<div id=\"detailContent\"><p>" + paragraph + "</p></div></body></html>").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] ecnsPage(String title, String paragraph) {
    return ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>"
        + "<h1 id=\"contitle\">" + title + "</h1><div class=\"downinfo\">2025-06-14 10:00 ECNS</div>"
        + "<div class=\"content\" id=\"yanse\"><p>" + paragraph + "</p></div></body></html>").getBytes(StandardCharsets.UTF_8);
  }

  /** A page of about {@code chars} euro signs (one byte each in windows-1252, three in UTF-8). */
  private static String euroPage(String title, int chars) {
    StringBuilder html = new StringBuilder("<html><head><title>").append(title).append("</title></head><body><h1>")
        .append(title).append("</h1><article>");
    String euros = "\u20ac".repeat(990);
    for (int i = 0; html.length() < chars; i++) {
      html.append("<p>Prices on day ").append(i).append(": ").append(euros).append("</p>");
    }
    return html.append("</article></body></html>").toString();
  }

  private static String item(String title, String link, String pubDate) {
    return "<item><title>" + title + "</title><link>" + link + "</link><pubDate>" + pubDate + "</pubDate></item>";
  }

  private static byte[] rss(String... items) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>"
        + "<link>http://127.0.0.1/</link><description>d</description>" + String.join("", items)
        + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
  }

  private static List<RawArticle> articles(String url) {
    String id = ArticleIds.articleId(url);
    return TopicRecords.read(kafka, Topics.RAW_ARTICLES).stream().filter(r -> id.equals(r.key()))
        .map(ConsumerRecord::value).toList();
  }

  private static List<FeedStatus> statuses(String feedUrl) {
    return TopicRecords.read(kafka, Topics.FEED_STATUS).stream().filter(r -> feedUrl.equals(r.key()))
        .map(ConsumerRecord::value).toList();
  }

  private static <T> T last(List<T> list) {
    assertFalse(list.isEmpty(), "no records");
    return list.get(list.size() - 1);
  }
}
