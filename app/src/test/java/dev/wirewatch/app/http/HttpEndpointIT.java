package dev.wirewatch.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The shared endpoint over real HTTP: exact and prefix routes, and the answers for everything else. */
class HttpEndpointIT {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @Test
  void routesAnswer_unknownPathsAre404_otherMethods405_andAFailingRouteIs500WithoutDetail() throws Exception {
    // Given an endpoint on a free port with an exact, a prefix and a failing route
    try (HttpEndpoint endpoint = new HttpEndpoint("127.0.0.1", 0)
        .get("/api/events", r -> Reply.json(200, "{\"filter\":\"" + r.parameter("status") + "\"}"))
        .getUnder("/api/events/", r -> Reply.of(200, Reply.TEXT, "event " + r.rest()))
        .get("/boom", r -> {
          throw new IllegalStateException("jdbc:postgresql://db/x?password=secret");
        })
        .start()) {
      String base = endpoint.baseUrl();

      // Then each answers as documented
      assertEquals("{\"filter\":\"HELD\"}", get(base + "/api/events?status=HELD").body());
      assertEquals("event cn-eu/human-rights-dialogue/2024-06", get(base + "/api/events/cn-eu/human-rights-dialogue/2024-06").body());
      HttpResponse<String> missing = get(base + "/nothing");
      assertEquals(404, missing.statusCode());
      assertEquals("{\"error\":\"no such path: /nothing\"}", missing.body());
      HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/api/events"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(405, post.statusCode());
      HttpResponse<String> failed = get(base + "/boom");
      assertEquals(500, failed.statusCode());
      assertFalse(failed.body().contains("secret"), failed.body());
      assertFalse(failed.headers().firstValue("Server").isPresent(), "no server banner");

      // And a route added while serving is served at once; a path cannot be registered twice
      endpoint.get("/later", r -> Reply.of(200, Reply.TEXT, "late"));
      assertEquals("late", get(base + "/later").body());
      assertThrows(IllegalArgumentException.class, () -> endpoint.get("/later", r -> Reply.of(200, Reply.TEXT, "")));
    }
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
