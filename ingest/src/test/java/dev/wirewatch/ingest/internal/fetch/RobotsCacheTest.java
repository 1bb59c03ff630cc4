package dev.wirewatch.ingest.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What each kind of robots.txt answer means (RFC 9309 2.3.1), with a loader that answers without a server. */
class RobotsCacheTest {

  private static final URI PAGE = URI.create("https://www.example.cn/news/2024/a.html");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-18T12:00:00Z"), ZoneOffset.UTC);

  private static FetchResult answer(int status, String body) {
    return new FetchResult(URI.create("https://www.example.cn/robots.txt"), status, "text/plain", null, null, null,
        body.getBytes(StandardCharsets.UTF_8), false);
  }

  private static RobotsCache.Verdict verdict(FetchResult answer) throws InterruptedException {
    return new RobotsCache("wirewatch", CLOCK, url -> answer).verdict(PAGE);
  }

  @Test
  void okAnswerIsParsed() throws InterruptedException {
    // Given a 200 robots.txt disallowing /news/ / When / Then
    RobotsCache.Verdict v = verdict(answer(200, "User-agent: *\nDisallow: /news/\n"));
    assertFalse(v.rules().allowed(PAGE));
    assertEquals("robots.txt HTTP 200", v.origin());
  }

  @Test
  void clientErrorAllowsEverythingEvenWithABody() throws InterruptedException {
    // Given 404 and 403 answers whose bodies look like rules (an error page is not a robots.txt)
    for (int status : new int[] {404, 403, 410}) {
      RobotsCache.Verdict v = verdict(answer(status, "User-agent: *\nDisallow: /\n"));
      // Then everything is allowed
      assertTrue(v.rules().allowed(PAGE), "HTTP " + status);
    }
  }

  @Test
  void serverErrorOrNoAnswerDisallowsEverything() throws InterruptedException {
    // Given 500 and 503 answers, Then everything is disallowed
    for (int status : new int[] {500, 503}) {
      RobotsCache.Verdict v = verdict(answer(status, ""));
      assertFalse(v.rules().allowed(PAGE), "HTTP " + status);
      assertTrue(v.origin().contains("treated as disallow-all"), v.origin());
    }
    // Given no answer at all
    RobotsCache cache = new RobotsCache("wirewatch", CLOCK, url -> {
      throw FetchException.failed("connection refused by " + url, null);
    });
    assertFalse(cache.verdict(PAGE).rules().allowed(PAGE));
  }

  @Test
  void oneFetchPerOrigin() throws InterruptedException {
    // Given a cache
    AtomicInteger loads = new AtomicInteger();
    RobotsCache cache = new RobotsCache("wirewatch", CLOCK, url -> {
      loads.incrementAndGet();
      return answer(200, "User-agent: *\nDisallow: /private/\n");
    });
    // When three pages of one origin and one of another port are checked
    cache.verdict(PAGE);
    cache.verdict(URI.create("https://www.example.cn/b.html"));
    cache.verdict(URI.create("https://WWW.example.cn/c.html"));
    cache.verdict(URI.create("https://www.example.cn:8443/c.html"));
    // Then robots.txt was read once per origin (scheme, host, port)
    assertEquals(2, loads.get());
  }
}
