package dev.wirewatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.ingest.internal.fetch.HostPolicy;
import dev.wirewatch.ingest.internal.fetch.HttpFetcher;
import dev.wirewatch.ingest.internal.poll.FeedOutcome;
import dev.wirewatch.ingest.internal.poll.FeedPoller;
import dev.wirewatch.ingest.internal.poll.FeedState;
import dev.wirewatch.ingest.internal.poll.PollOutput;
import dev.wirewatch.ingest.internal.poll.SeenArticles;
import dev.wirewatch.schema.FeedStatus;
import dev.wirewatch.schema.RawArticle;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * robots.txt handling of the poller and fetcher against a real HTTP server on 127.0.0.1 (no broker needed: the
 * poller's output is collected in memory).
 */
class RobotsIT {

  private static final String RSS = "application/rss+xml; charset=utf-8";
  private static final String HTML = "text/html; charset=utf-8";

  private TestServer server;
  private final Map<String, RawArticle> produced = new ConcurrentHashMap<>();
  private final List<FeedStatus> statuses = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startServer() throws IOException {
    server = new TestServer();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }

  private void feedWithTwoArticles() {
    String rss = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>t</title><link>%1$s</link><description>d</description>
        <item><title>Open</title><link>%1$s/news/open.html</link></item>
        <item><title>Closed</title><link>%1$s/private/closed.html</link></item>
        </channel></rss>
        """.formatted(server.url(""));
    server.serve("/feed.xml", RSS, rss.getBytes(StandardCharsets.UTF_8));
    for (String path : List.of("/news/open.html", "/private/closed.html")) {
      server.serve(path, HTML, ("<html><head><title>Harbour plan " + path + "</title></head><body><article><p>"
          + "The committee met on Tuesday to discuss the new harbour plan and agreed on a timetable.</p>"
          + "</article></body></html>").getBytes(StandardCharsets.UTF_8));
    }
  }

  private FeedOutcome pollOnce(FeedSource feed, Duration perHostDelay) throws InterruptedException {
    IngestSettings settings = IngestSettings.defaults(List.of(feed)).withPerHostDelay(perHostDelay);
    HostPolicy policy = new HostPolicy(List.of(feed.url()), Set.of());
    HttpFetcher fetcher = new HttpFetcher(policy, settings.userAgent(), settings.connectTimeout(),
        settings.readTimeout(), settings.perHostDelay(), settings.maxRedirects(), Clock.systemUTC());
    PollOutput output = new PollOutput() {
      @Override
      public void article(String articleId, RawArticle article) {
        produced.put(article.getUrl(), article);
      }

      @Override
      public void deadLetter(String articleId, RawArticle withoutBody, String reason) {
        throw new AssertionError("no article here is too large to archive: " + reason);
      }

      @Override
      public void status(String feedUrl, FeedStatus status) {
        statuses.add(status);
      }
    };
    FeedPoller poller = new FeedPoller(settings, fetcher, policy, new SeenArticles(), output, Clock.systemUTC());
    return poller.poll(new FeedState(feed));
  }

  private FeedSource feed() {
    return new FeedSource("generic", URI.create(server.url("/feed.xml")), Duration.ofMinutes(5));
  }

  @Test
  void disallowedPageIsNotFetchedAndIsReported() throws InterruptedException {
    // Given a robots.txt that disallows /private/ for wirewatch
    feedWithTwoArticles();
    server.serve("/robots.txt", "text/plain", "User-agent: wirewatch\nDisallow: /private/\n"
        .getBytes(StandardCharsets.UTF_8));

    // When the feed is polled
    FeedOutcome outcome = pollOnce(feed(), Duration.ofMillis(10));

    // Then the allowed page is produced, the disallowed one never requested, and the status says why
    assertEquals(1, outcome.articlesNew());
    assertEquals(1, outcome.articlesFailed());
    assertEquals(0, server.hits("/private/closed.html"));
    assertEquals(1, server.hits("/news/open.html"));
    assertEquals(1, server.hits("/robots.txt"), "robots.txt fetched once and cached");
    FeedStatus status = statuses.get(0);
    assertFalse(status.getOk());
    assertTrue(status.getError().contains("1 disallowed by robots.txt"), status.getError());
    assertTrue(status.getError().contains("/private/closed.html"), status.getError());
  }

  @Test
  void feedThatIgnoresRobotsFetchesEverything() throws InterruptedException {
    // Given a robots.txt that disallows everything, and a feed configured to ignore robots.txt
    feedWithTwoArticles();
    server.serve("/robots.txt", "text/plain", "User-agent: *\nDisallow: /\n".getBytes(StandardCharsets.UTF_8));

    // When polled
    FeedOutcome outcome = pollOnce(feed().withIgnoreRobots(true), Duration.ofMillis(10));

    // Then both pages are fetched and robots.txt is not even asked for
    assertEquals(2, outcome.articlesNew());
    assertEquals(0, server.hits("/robots.txt"));
    assertTrue(statuses.get(0).getOk());
  }

  @Test
  void missingRobotsAllowsAllButServerErrorDisallows() throws InterruptedException, IOException {
    // Given no robots.txt (404)
    feedWithTwoArticles();
    // When polled, Then both pages are fetched
    assertEquals(2, pollOnce(feed(), Duration.ofMillis(10)).articlesNew());

    // Given a second server whose robots.txt answers 503
    try (TestServer failing = new TestServer()) {
      String rss = """
          <?xml version="1.0" encoding="UTF-8"?>
          <rss version="2.0"><channel><title>t</title><link>%1$s</link><description>d</description>
          <item><title>Open</title><link>%1$s/news/open.html</link></item>
          </channel></rss>
          """.formatted(failing.url(""));
      failing.serve("/feed.xml", RSS, rss.getBytes(StandardCharsets.UTF_8));
      failing.serve("/news/open.html", HTML, "<html><body><p>x</p></body></html>".getBytes(StandardCharsets.UTF_8));
      failing.route("/robots.txt", ex -> TestServer.send(ex, 503, "text/plain", new byte[0]));
      statuses.clear();

      // When polled
      FeedOutcome outcome = pollOnce(new FeedSource("generic", URI.create(failing.url("/feed.xml")),
          Duration.ofMinutes(5)), Duration.ofMillis(10));

      // Then the page is not fetched and the status names the 503
      assertEquals(0, outcome.articlesNew());
      assertEquals(0, failing.hits("/news/open.html"));
      assertTrue(statuses.get(0).getError().contains("HTTP 503"), statuses.get(0).getError());
    }
  }

  @Test
  void crawlDelayRaisesTheGapBetweenRequests() throws InterruptedException {
    // Given a Crawl-delay of 0.4 s and a configured per-host delay of 10 ms
    feedWithTwoArticles();
    server.serve("/robots.txt", "text/plain", "User-agent: *\nCrawl-delay: 0.4\n".getBytes(StandardCharsets.UTF_8));
    Map<String, Long> startedAt = new ConcurrentHashMap<>();
    for (String path : List.of("/news/open.html", "/private/closed.html")) {
      byte[] body = ("<html><head><title>Page " + path + "</title></head><body><article><p>The committee met on"
          + " Tuesday to discuss the new harbour plan.</p></article></body></html>").getBytes(StandardCharsets.UTF_8);
      server.route(path, ex -> {
        startedAt.put(path, System.nanoTime());
        TestServer.send(ex, 200, HTML, body);
      });
    }

    // When polled
    assertEquals(2, pollOnce(feed(), Duration.ofMillis(10)).articlesNew());

    // Then the two pages were requested at least the Crawl-delay apart
    long gapMs = Math.abs(startedAt.get("/private/closed.html") - startedAt.get("/news/open.html")) / 1_000_000;
    assertTrue(gapMs >= 350, "gap " + gapMs + " ms");
  }
}
