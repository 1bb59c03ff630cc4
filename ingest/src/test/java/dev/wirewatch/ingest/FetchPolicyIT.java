package dev.wirewatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.ingest.internal.fetch.FetchException;
import dev.wirewatch.ingest.internal.fetch.FetchResult;
import dev.wirewatch.ingest.internal.fetch.HostPolicy;
import dev.wirewatch.ingest.internal.fetch.HttpFetcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fetcher's origin policy on redirects and its timeout messages, against real HTTP servers on 127.0.0.1. */
class FetchPolicyIT {

  private static final String HTML = "text/html; charset=utf-8";

  private TestServer server;
  private TestServer otherPort;
  private final CountDownLatch release = new CountDownLatch(1);

  @BeforeEach
  void start() throws IOException {
    server = new TestServer();
    otherPort = new TestServer();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.close();
    otherPort.close();
  }

  private HttpFetcher fetcher(Duration connectTimeout, Duration readTimeout) {
    HostPolicy policy = new HostPolicy(List.of(URI.create(server.url("/feed.xml"))), Set.of());
    return new HttpFetcher(policy, IngestSettings.DEFAULT_USER_AGENT, connectTimeout, readTimeout, Duration.ZERO,
        5, Clock.systemUTC());
  }

  private static HttpFetcher.Request get(String url) {
    return new HttpFetcher.Request(URI.create(url), "text/html", 1 << 20, null, null);
  }

  private void redirect(String from, String to) {
    server.route(from, ex -> {
      ex.getResponseHeaders().set("Location", to);
      ex.sendResponseHeaders(302, -1);
    });
  }

  @Test
  void redirectToAnotherPortOfTheConfiguredHostIsRefused() {
    // Given a configured origin 127.0.0.1:<port> redirecting to a service on another port of the same host
    otherPort.serve("/admin", HTML, "secret".getBytes(StandardCharsets.UTF_8));
    redirect("/a.html", otherPort.url("/admin"));

    // When fetched
    FetchException e = assertThrows(FetchException.class, () -> fetcher(Duration.ofSeconds(5),
        Duration.ofSeconds(5)).fetch(get(server.url("/a.html"))));

    // Then the hop is refused before any request reaches the other port
    assertTrue(e.refused(), e.getMessage());
    assertTrue(e.getMessage().startsWith("refused " + otherPort.url("/admin")), e.getMessage());
    assertEquals(0, otherPort.hits("/admin"));
  }

  @Test
  void redirectWithinTheConfiguredOriginIsFollowed() throws InterruptedException {
    // Given a redirect to another path of the same origin
    server.serve("/new.html", HTML, "moved here".getBytes(StandardCharsets.UTF_8));
    redirect("/old.html", "/new.html");

    // When fetched
    FetchResult result = fetcher(Duration.ofSeconds(5), Duration.ofSeconds(5)).fetch(get(server.url("/old.html")));

    // Then the answer is the target's
    assertEquals(200, result.status());
    assertEquals(URI.create(server.url("/new.html")), result.url());
  }

  @Test
  void timeoutMessageNamesTheLimitThatApplied() {
    // Given a server that sends headers and then drips its body slower than the read timeout allows
    server.route("/drip.html", ex -> {
      ex.getResponseHeaders().set("Content-Type", HTML);
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        out.write("<html>".getBytes(StandardCharsets.UTF_8));
        out.flush();
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    // and a connect timeout longer than the read timeout (it must not stretch the deadline, nor be named)
    HttpFetcher fetcher = fetcher(Duration.ofSeconds(4), Duration.ofMillis(1500));

    // When fetched
    long start = System.nanoTime();
    FetchException e = assertThrows(FetchException.class, () -> fetcher.fetch(get(server.url("/drip.html"))));
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    // Then the one-line error names the read timeout and its value, and that is when it gave up
    assertEquals("no complete answer from " + server.url("/drip.html") + " within 1.5 s (ingest.read.timeout)",
        e.getMessage());
    assertTrue(took.compareTo(Duration.ofMillis(3500)) < 0, "gave up after " + took);
  }
}
