package dev.wirewatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.schema.FeedStatus;
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.TopicSpec;
import dev.wirewatch.schema.topic.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The ingest stage against a real embedded broker and a real HTTP server on 127.0.0.1. */
class IngestServiceIT extends BrokerAndSiteIT {

  private static final String RSS = "application/rss+xml; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";

  // ---------------------------------------------------------------- tests

  @Test
  void conditionalGetWith304ProducesNothingNew() {
    // Given a feed that answers 304 to its own ETag
    String feedPath = "/t304/feed.xml";
    server.serve("/t304/a.html", HTML, page("Harbour reopens", "BEIJING, June 1 (Xinhua) -- The harbour reopened."));
    byte[] feed = rss(item("Harbour reopens", server.url("/t304/a.html"), "Sat, 01 Jun 2024 08:00:00 GMT"));
    server.route(feedPath, ex -> {
      if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
      ex.getResponseHeaders().set("ETag", "\"v1\"");
      TestServer.send(ex, 200, RSS, feed);
    });

    try (IngestService service = new IngestService(settings(feed("xinhua", feedPath)), kafka.clientProperties())) {
      // When polled twice
      PollSummary first = service.pollAllOnce();
      PollSummary second = service.pollAllOnce();

      // Then the second poll is a 304 with nothing new
      assertEquals(1, first.articlesNew());
      assertEquals(0, second.articlesNew());
      assertEquals(0, second.itemsSeen());
      List<FeedStatus> statuses = statuses(server.url(feedPath));
      assertEquals(2, statuses.size());
      assertEquals(304, statuses.get(1).getHttpStatus());
      assertTrue(statuses.get(1).getOk());
      assertEquals(1, server.hits("/t304/a.html"));
    }
  }

  @Test
  void serverErrorBacksOffThenRecovers() {
    // Given a feed that fails once with 500
    String feedPath = "/t500/feed.xml";
    AtomicInteger calls = new AtomicInteger();
    byte[] feed = rss();
    server.route(feedPath, ex -> TestServer.send(ex, calls.getAndIncrement() == 0 ? 500 : 200, RSS,
        calls.get() == 1 ? "oops".getBytes(StandardCharsets.UTF_8) : feed));
    Duration interval = Duration.ofMinutes(1);

    try (IngestService service = new IngestService(settings(feed("generic", feedPath, interval)),
        kafka.clientProperties())) {
      // When polled twice
      PollSummary failed = service.pollAllOnce();
      PollSummary recovered = service.pollAllOnce();

      // Then the failure is data with a backed-off next poll, and the recovery returns to the interval
      assertEquals(1, failed.feedsFailed());
      assertEquals(0, recovered.feedsFailed());
      List<FeedStatus> statuses = statuses(server.url(feedPath));
      FeedStatus bad = statuses.get(0);
      assertFalse(bad.getOk());
      assertEquals(500, bad.getHttpStatus());
      assertTrue(bad.getError().contains("HTTP 500"), bad.getError());
      assertTrue(bad.getNextPollAt() - bad.getPolledAt() >= interval.multipliedBy(2).toMillis() * 9 / 10);
      FeedStatus good = statuses.get(1);
      assertTrue(good.getOk());
      assertNull(good.getError());
      assertTrue(good.getNextPollAt() - good.getPolledAt() <= interval.toMillis() * 11 / 10 + 2000);
    }
  }

  @Test
  void retryAfterIsHonoured() {
    // Given a feed answering 503 with Retry-After: 120
    String feedPath = "/t503/feed.xml";
    server.route(feedPath, ex -> {
      ex.getResponseHeaders().set("Retry-After", "120");
      TestServer.send(ex, 503, "text/plain", "busy".getBytes(StandardCharsets.UTF_8));
    });

    try (IngestService service = new IngestService(settings(feed("generic", feedPath, Duration.ofSeconds(10))),
        kafka.clientProperties())) {
      // When polled twice
      service.pollAllOnce();
      service.pollAllOnce();

      // Then the next poll is planned no sooner than the server asked, and the host is left alone meanwhile
      List<FeedStatus> statuses = statuses(server.url(feedPath));
      FeedStatus first = statuses.get(0);
      assertEquals(503, first.getHttpStatus());
      assertTrue(first.getNextPollAt() - first.getPolledAt() >= 120_000, first.toString());
      assertEquals(1, server.hits(feedPath));
      FeedStatus second = statuses.get(1);
      assertTrue(second.getError().contains("Retry-After"), second.getError());
      assertTrue(second.getNextPollAt() >= first.getPolledAt() + 120_000 - 1000, second.toString());
    }
  }

  @Test
  void serverThatNeverAnswersTimesOutWhileOtherFeedsKeepGoing() throws IOException {
    // Given one feed on a server that never answers and one good feed
    CountDownLatch release = new CountDownLatch(1);
    try (TestServer silent = new TestServer()) {
      silent.route("/hang.xml", ex -> {
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      server.serve("/thang/feed.xml", RSS, rss());
      FeedSource hanging = new FeedSource("generic", URI.create(silent.url("/hang.xml")), Duration.ofMillis(300));
      FeedSource good = feed("generic", "/thang/feed.xml", Duration.ofMillis(300));

      try (IngestService service = new IngestService(settings(hanging, good), kafka.clientProperties())) {
        // When polled once
        long start = System.nanoTime();
        PollSummary summary = service.pollAllOnce();

        // Then the silent feed fails by timeout and the good one is fine
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(10)) < 0);
        assertEquals(1, summary.feedsFailed());
        FeedStatus timedOut = last(statuses(silent.url("/hang.xml")));
        assertFalse(timedOut.getOk());
        assertNull(timedOut.getHttpStatus());
        assertTrue(timedOut.getError().contains("no complete answer") || timedOut.getError().contains("timeout"),
            timedOut.getError());

        // When polling in the background, Then the good feed keeps being polled on its interval
        int before = server.hits("/thang/feed.xml");
        service.start();
        await(() -> server.hits("/thang/feed.xml") >= before + 3, Duration.ofSeconds(15));
      } finally {
        release.countDown();
      }
    }
  }

  @Test
  void gzipFeedAndPage() {
    // Given a server that gzips feed and page
    String articlePath = "/tgzip/a.html";
    byte[] page = page("Gzip story", "BEIJING, June 2 (Xinhua) -- Compressed text arrives intact.");
    byte[] feed = rss(item("Gzip story", server.url(articlePath), "Sun, 02 Jun 2024 08:00:00 GMT"));
    server.route("/tgzip/feed.xml", ex -> sendGzip(ex, RSS, feed));
    server.route(articlePath, ex -> sendGzip(ex, HTML, page));

    try (IngestService service = new IngestService(settings(feed("xinhua", "/tgzip/feed.xml")),
        kafka.clientProperties())) {
      // When
      service.pollAllOnce();

      // Then
      RawArticle a = last(articles(server.url(articlePath)));
      assertEquals("Gzip story", a.getTitle());
      assertEquals("BEIJING, June 2 (Xinhua) -- Compressed text arrives intact.", a.getText());
      assertEquals("BEIJING, June 2 (Xinhua)", a.getDateline());
    }
  }

  @Test
  void gbkPage() {
    // Given a Chinese page served as GBK
    String articlePath = "/tgbk/c_1.htm";
    server.serve(articlePath, "text/html; charset=GBK", Fixtures.bytes("pages/xinhua-chinese-gbk.html"));
    server.serve("/tgbk/feed.xml", RSS, rss(item("新高铁", server.url(articlePath), "Tue, 18 Jun 2024 12:00:00 GMT")));

    try (IngestService service = new IngestService(settings(feed("xinhua", "/tgbk/feed.xml")),
        kafka.clientProperties())) {
      // When
      service.pollAllOnce();

      // Then
      RawArticle a = last(articles(server.url(articlePath)));
      assertEquals("西部地区新高铁开通运营", a.getTitle());
      assertEquals("zh", a.getLanguage());
      assertEquals("gbk", a.getPageCharset());
      assertTrue(a.getText().startsWith("新华社北京6月18日电"), a.getText());
      assertTrue(a.getPage() != null && a.getPage().remaining() > 0, "page archived");
    }
  }

  @Test
  void oversizedPageIsProducedAsTruncated() {
    // Given a page far larger than maxPageBytes
    String articlePath = "/tbig/a.html";
    StringBuilder body = new StringBuilder("BEIJING, June 3 (Xinhua) -- A very long report begins here.");
    for (int i = 0; i < 400; i++) {
      body.append(" More words keep the page growing past the limit.");
    }
    server.serve(articlePath, HTML, page("Long report", body.toString()));
    server.serve("/tbig/feed.xml", RSS, rss(item("Long report", server.url(articlePath), "Mon, 03 Jun 2024 08:00:00 GMT")));
    IngestSettings settings = settings(feed("xinhua", "/tbig/feed.xml")).withMaxBytes(1 << 20, 4096);

    try (IngestService service = new IngestService(settings, kafka.clientProperties())) {
      // When
      service.pollAllOnce();

      // Then
      RawArticle a = last(articles(server.url(articlePath)));
      assertTrue(a.getTruncated());
      assertEquals(4096, a.getPage().remaining());
      assertTrue(a.getText().startsWith("BEIJING, June 3 (Xinhua) -- A very long report"));
    }
  }

  @Test
  void xxeFeedIsRejectedAndReportedWhileTheOtherFeedWorks() {
    // Given an XXE feed and a good feed
    server.serve("/txxe/evil.xml", RSS, Fixtures.bytes("feeds/xxe.xml"));
    String articlePath = "/txxe/a.html";
    server.serve(articlePath, HTML, page("Good story", "BEIJING, June 4 (Xinhua) -- Fine."));
    server.serve("/txxe/good.xml", RSS, rss(item("Good story", server.url(articlePath), "Tue, 04 Jun 2024 08:00:00 GMT")));

    try (IngestService service = new IngestService(
        settings(feed("generic", "/txxe/evil.xml"), feed("xinhua", "/txxe/good.xml")), kafka.clientProperties())) {
      // When
      PollSummary summary = service.pollAllOnce();

      // Then
      assertEquals(1, summary.feedsFailed());
      assertEquals(1, summary.articlesNew());
      FeedStatus evil = last(statuses(server.url("/txxe/evil.xml")));
      assertFalse(evil.getOk());
      assertEquals(200, evil.getHttpStatus());
      assertEquals("feed refused: it declares a DOCTYPE or entities, which are not allowed", evil.getError());
      assertTrue(last(statuses(server.url("/txxe/good.xml"))).getOk());
      assertEquals(1, articles(server.url(articlePath)).size());
    }
  }

  @Test
  void linksAndRedirectsToInternalAddressesOfUnnamedHostsAreRefused() {
    // Given a feed on 127.0.0.1 (named in the config) whose items point at "localhost" (resolves to loopback,
    // not named) and at a page redirecting to a private address literal
    int port = server.port();
    server.serve("/tssrf/secret", HTML, page("Secret", "internal only"));
    server.route("/tssrf/redirect", ex -> {
      ex.getResponseHeaders().set("Location", "http://10.1.2.3/tssrf/secret");
      ex.sendResponseHeaders(302, -1);
    });
    server.serve("/tssrf/feed.xml", RSS, rss(
        item("Via alias", "http://localhost:" + port + "/tssrf/secret", "Wed, 05 Jun 2024 08:00:00 GMT"),
        item("Via redirect", server.url("/tssrf/redirect"), "Wed, 05 Jun 2024 08:00:00 GMT")));

    try (IngestService service = new IngestService(settings(feed("generic", "/tssrf/feed.xml")),
        kafka.clientProperties())) {
      // When
      PollSummary summary = service.pollAllOnce();

      // Then nothing internal is fetched, and the refusals are reported
      assertEquals(2, summary.articlesFailed());
      assertEquals(0, summary.articlesNew());
      assertEquals(0, server.hits("/tssrf/secret"));
      assertEquals(1, server.hits("/tssrf/redirect"));
      FeedStatus status = last(statuses(server.url("/tssrf/feed.xml")));
      assertFalse(status.getOk());
      assertTrue(status.getError().startsWith("2 of 2 article pages failed; first: refused http://localhost:"),
          status.getError());
      assertTrue(status.getError().contains("internal address"), status.getError());
    }
  }

  @Test
  void sameItemInTwoFeedsIsOneArticle() {
    // Given two feeds listing the same article (one with tracking parameters)
    String articlePath = "/ttwo/a.html";
    server.serve(articlePath, HTML, page("Shared story", "BEIJING, June 6 (Xinhua) -- Listed twice."));
    server.serve("/ttwo/one.xml", RSS, rss(item("Shared story", server.url(articlePath), "Thu, 06 Jun 2024 08:00:00 GMT")));
    server.serve("/ttwo/two.xml", RSS, rss(item("Shared story (world)",
        server.url(articlePath) + "?utm_source=rss&amp;from=world", "Thu, 06 Jun 2024 08:00:00 GMT")));

    try (IngestService service = new IngestService(
        settings(feed("xinhua", "/ttwo/one.xml"), feed("xinhua", "/ttwo/two.xml")), kafka.clientProperties())) {
      // When polled twice
      PollSummary first = service.pollAllOnce();
      PollSummary second = service.pollAllOnce();

      // Then one article, fetched once
      assertEquals(1, first.articlesNew());
      assertEquals(0, second.articlesNew() + second.articlesChanged());
      assertEquals(1, articles(server.url(articlePath)).size());
      assertEquals(1, server.hits(articlePath));
    }
  }

  @Test
  void restartProducesNothingNew() {
    // Given a feed polled by one service instance
    String articlePath = "/trestart/a.html";
    server.serve(articlePath, HTML, page("Restart story", "BEIJING, June 7 (Xinhua) -- Seen before."));
    server.serve("/trestart/feed.xml", RSS,
        rss(item("Restart story", server.url(articlePath), "Fri, 07 Jun 2024 08:00:00 GMT")));
    IngestSettings settings = settings(feed("xinhua", "/trestart/feed.xml"));
    try (IngestService first = new IngestService(settings, kafka.clientProperties())) {
      assertEquals(1, first.pollAllOnce().articlesNew());
    }

    // When a new instance polls the same feed
    try (IngestService second = new IngestService(settings, kafka.clientProperties())) {
      PollSummary summary = second.pollAllOnce();

      // Then it knows the article from the archive and produces nothing
      assertTrue(second.knownArticles() >= 1);
      assertEquals(0, summary.articlesNew() + summary.articlesChanged());
      assertEquals(1, articles(server.url(articlePath)).size());
      assertEquals(1, server.hits(articlePath));
    }
  }

  @Test
  void validatorsSurviveARestartSoTheFirstPollIsConditional() {
    // Given a feed that sends an ETag and a Last-Modified and answers 304 when its ETag comes back
    String feedPath = "/tvalid/feed.xml";
    String articlePath = "/tvalid/a.html";
    server.serve(articlePath, HTML, page("Bridge opens", "BEIJING, June 9 (Xinhua) -- A new bridge carries traffic."));
    byte[] feed = rss(item("Bridge opens", server.url(articlePath), "Sun, 09 Jun 2024 08:00:00 GMT"));
    List<String> ifNoneMatch = Collections.synchronizedList(new ArrayList<>());
    server.route(feedPath, ex -> {
      String sent = ex.getRequestHeaders().getFirst("If-None-Match");
      ifNoneMatch.add(sent == null ? "<none>" : sent);
      if ("\"r9\"".equals(sent)) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
      ex.getResponseHeaders().set("ETag", "\"r9\"");
      ex.getResponseHeaders().set("Last-Modified", "Sun, 09 Jun 2024 08:05:00 GMT");
      TestServer.send(ex, 200, RSS, feed);
    });
    IngestSettings settings = settings(feed("xinhua", feedPath));
    try (IngestService first = new IngestService(settings, kafka.clientProperties())) {
      assertEquals(1, first.pollAllOnce().articlesNew());
    }
    FeedStatus before = last(statuses(server.url(feedPath)));
    assertEquals("\"r9\"", before.getEtag());
    assertEquals("Sun, 09 Jun 2024 08:05:00 GMT", before.getLastModified());

    // When a new instance on the same topics polls the feed
    try (IngestService second = new IngestService(settings, kafka.clientProperties())) {
      PollSummary summary = second.pollAllOnce();

      // Then its very first request is conditional, the server answers 304 and nothing is produced
      assertEquals(List.of("<none>", "\"r9\""), ifNoneMatch);
      assertEquals(0, summary.itemsSeen());
      assertEquals(0, summary.articlesNew() + summary.articlesChanged());
      assertEquals(1, articles(server.url(articlePath)).size());
      assertEquals(1, server.hits(articlePath));
      List<FeedStatus> statuses = statuses(server.url(feedPath));
      assertEquals(2, statuses.size());
      FeedStatus after = statuses.get(1);
      assertEquals(304, after.getHttpStatus());
      assertTrue(after.getOk());
      // And the 304 status keeps the validators for the restart after this one
      assertEquals("\"r9\"", after.getEtag());
      assertEquals("Sun, 09 Jun 2024 08:05:00 GMT", after.getLastModified());
    }
  }

  @Test
  void editedArticleIsProducedOnceMoreUnderTheSameId() {
    // Given an article that is edited after the first poll (the feed entry shows the update)
    String articlePath = "/tedit/a.html";
    String url = server.url(articlePath);
    server.serve(articlePath, HTML, page("Edited story", "BEIJING, June 8 (Xinhua) -- First version."));
    server.serve("/tedit/feed.xml", RSS, rss(item("Edited story", url, "Sat, 08 Jun 2024 08:00:00 GMT")));

    try (IngestService service = new IngestService(settings(feed("xinhua", "/tedit/feed.xml")),
        kafka.clientProperties())) {
      service.pollAllOnce();
      server.serve(articlePath, HTML, page("Edited story", "BEIJING, June 8 (Xinhua) -- Second, corrected version."));
      server.serve("/tedit/feed.xml", RSS, rss(item("Edited story", url, "Sat, 08 Jun 2024 09:30:00 GMT")));

      // When polled again, and once more without change
      PollSummary second = service.pollAllOnce();
      PollSummary third = service.pollAllOnce();

      // Then exactly one update with the same key
      assertEquals(1, second.articlesChanged());
      assertEquals(0, third.articlesChanged() + third.articlesNew());
      List<RawArticle> versions = articles(url);
      assertEquals(2, versions.size());
      assertEquals(versions.get(0).getArticleId(), versions.get(1).getArticleId());
      assertEquals(ArticleIds.articleId(url), versions.get(1).getArticleId());
      assertNotEquals(versions.get(0).getContentHash(), versions.get(1).getContentHash());
      assertTrue(versions.get(1).getText().contains("corrected"));
    }
  }

  // ---------------------------------------------------------------- helpers

  private FeedSource feed(String source, String path) {
    return feed(source, path, Duration.ofMinutes(5));
  }

  private FeedSource feed(String source, String path, Duration interval) {
    return new FeedSource(source, URI.create(server.url(path)), interval);
  }

  /** The defaults with short timeouts, no politeness delay and no age gate (the fixtures date from 2024). */
  private static IngestSettings settings(FeedSource... feeds) {
    return IngestSettings.defaults(List.of(feeds))
        .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))
        .withPerHostDelay(Duration.ZERO)
        .withAllowedHosts(Set.of())
        .withFreshness(Duration.ZERO, IngestSettings.DEFAULT_STALE_AFTER);
  }

  private static byte[] page(String title, String paragraph) {
    String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>"
        + "<div class=\"conTop\"><h1>" + title + "</h1><div class=\"header-time\">2024-06-01 10:00:00</div></div>"
        + "<div id=\"detailContent\"><p>" + paragraph + "</p><p>[Editor: Test]</p></div></body></html>";
    return html.getBytes(StandardCharsets.UTF_8);
  }

  private static String item(String title, String link, String pubDate) {
    return "<item><title>" + title + "</title><link>" + link + "</link><pubDate>" + pubDate + "</pubDate>"
        + "<description>" + title + "</description></item>";
  }

  private static byte[] rss(String... items) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title>"
        + "<link>http://127.0.0.1/</link><description>d</description>" + String.join("", items)
        + "</channel></rss>").getBytes(StandardCharsets.UTF_8);
  }

  private static void sendGzip(com.sun.net.httpserver.HttpExchange ex, String contentType, byte[] body)
      throws IOException {
    String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
    if (accept == null || !accept.contains("gzip")) {
      TestServer.send(ex, 406, "text/plain", "gzip only".getBytes(StandardCharsets.UTF_8));
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(body);
    }
    ex.getResponseHeaders().set("Content-Encoding", "gzip");
    TestServer.send(ex, 200, contentType, out.toByteArray());
  }

  private static List<RawArticle> articles(String url) {
    String id = ArticleIds.articleId(url);
    return read(Topics.RAW_ARTICLES).stream().filter(r -> id.equals(r.key())).map(ConsumerRecord::value).toList();
  }

  private static List<FeedStatus> statuses(String feedUrl) {
    return read(Topics.FEED_STATUS).stream().filter(r -> feedUrl.equals(r.key())).map(ConsumerRecord::value).toList();
  }

  private static <T> T last(List<T> list) {
    assertFalse(list.isEmpty(), "no records");
    return list.get(list.size() - 1);
  }

  /** Every record of a topic, from the beginning to its current end. */
  private static <V> List<ConsumerRecord<String, V>> read(TopicSpec<String, V> topic) {
    return TopicRecords.read(kafka, topic);
  }

  private static void await(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "condition not met within " + timeout);
      // Re-check every 20 ms until the deadline.
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
