package dev.wirewatch.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.app.Pipeline;
import dev.wirewatch.app.cli.Main;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.app.demo.DemoSite;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP endpoint of a real pipeline (sample site over HTTP, embedded KRaft broker, Kafka Streams, SQLite):
 * readiness goes from 503 to 200 as the stages come up, {@code /metrics} agrees with what {@code feeds} and
 * {@code events} report, and no configured secret appears in any answer.
 */
class OperationsIT {

  private static final Duration LIMIT = Duration.ofMinutes(3);
  private static final String SECRET = "pw-Zq81-never-shown";
  private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*\\})? (\\S+)$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  Path dir;

  @Test
  void readinessGoesFrom503To200_andMetricsMatchFeedsAndEvents_andNoSecretIsShown() throws Exception {
    try (DemoSite site = DemoSite.start()) {
      // Given a pipeline configured with an HTTP port and a database password
      int port = freePort();
      Path file = DemoScenario.writeConfig(dir, site, dir.resolve("data"), "");
      WirewatchConfig config = WirewatchConfig.load(file, Map.of(), Map.of("http.port", Integer.toString(port),
          "storage.password", SECRET), null);
      String base = "http://127.0.0.1:" + port;

      // When it starts, and runs its polling loop once it is up
      CompletableFuture<Pipeline> starting = CompletableFuture.supplyAsync(() -> Pipeline.start(config));
      List<Integer> readiness = new ArrayList<>();
      Instant deadline = Instant.now().plus(LIMIT);
      Pipeline pipeline = null;
      try {
        while (true) {
          if (pipeline == null && starting.isDone()) {
            pipeline = starting.join();
            pipeline.startIngestLoop();
          }
          Integer status = statusOrNull(base + "/health/ready");
          if (status != null && (readiness.isEmpty() || !readiness.get(readiness.size() - 1).equals(status))) {
            readiness.add(status);
          }
          if (status != null && status == 200) {
            break;
          }
          assertTrue(Instant.now().isBefore(deadline), "not ready in time; readiness so far " + readiness + ": "
              + bodyOrEmpty(base + "/health/ready"));
          TimeUnit.MILLISECONDS.sleep(100);
        }
        if (pipeline == null) {
          pipeline = starting.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
        }

        // Then readiness was 503 before it was 200, and names every check of a whole pipeline
        assertEquals(List.of(503, 200), readiness);
        JsonNode ready = JSON.readTree(get(base + "/health/ready").body());
        assertEquals("UP", ready.path("status").asText());
        assertEquals(Set.of("broker", "classify", "database", "feeds"), names(ready));
        JsonNode live = JSON.readTree(get(base + "/health/live").body());
        assertEquals(Set.of("process", "classify", "sink"), names(live));
        // And `wirewatch health`, the containers' health check, agrees
        assertEquals(Main.OK, DemoScenario.wirewatch("health", "--set", "http.port=" + port).code());

        // When everything fetched has been classified and stored
        pipeline.awaitDrained(LIMIT);
        Map<String, Double> metrics = awaitMetrics(base, m -> sum(m, "wirewatch_consumer_lag_records") == 0);

        // Then the feed counters match `wirewatch feeds`
        List<String[]> feeds = feedRows(file);
        assertEquals(site.feeds().size(), feeds.size());
        Map<String, Double> expectedPolls = new HashMap<>();
        for (String[] row : feeds) {
          String labels = "{state=\"" + row[0] + "\",status=\"" + (row[3].equals("-") ? "none" : row[3]) + "\"}";
          expectedPolls.merge("wirewatch_feed_polls_total" + labels, 1.0, Double::sum);
        }
        assertEquals(expectedPolls, select(metrics, "wirewatch_feed_polls_total"));
        // a first poll of every source: every archived article is new (the "new" column)
        double newArticles = feeds.stream().mapToDouble(r -> Double.parseDouble(r[6])).sum();
        assertEquals(newArticles, metrics.get("wirewatch_articles_extracted_total"));
        assertEquals(newArticles, metrics.get("wirewatch_articles_archived_total"));

        // And the classifier and sink counters match `wirewatch events`
        List<JsonNode> events = DemoScenario.listEvents(file);
        assertEquals(DemoScenario.EXPECTED_EVENTS, DemoScenario.summaries(events));
        Set<String> reportingArticles = new HashSet<>();
        int mentions = 0;
        for (JsonNode e : events) {
          for (JsonNode m : e.path("mentions")) {
            reportingArticles.add(m.path("articleId").asText());
            mentions++;
          }
        }
        assertEquals(newArticles, sum(metrics, "wirewatch_articles_classified_total"));
        assertEquals((double) reportingArticles.size(), metrics.get("wirewatch_articles_classified_total{verdict=\"dialogue\"}"));
        assertEquals((double) mentions, metrics.get("wirewatch_mentions_total{change=\"emitted\"}"));
        double eventRecords = sum(metrics, "wirewatch_events_total");
        assertTrue(eventRecords >= events.size(), "at least one event record per stored event: " + eventRecords);
        assertEquals(eventRecords, metrics.get("wirewatch_sink_records_total"), "the sink stored every event record sent");
        assertTrue(metrics.get("wirewatch_events_stored_total") >= events.size());
        assertTrue(metrics.get("wirewatch_sink_batches_total") >= 1);
        assertEquals(eventRecords, metrics.get("wirewatch_fetch_to_stored_seconds_count"));
        assertEquals(0.0, metrics.get("wirewatch_sink_retries_total"));
        assertTrue(metrics.keySet().stream().anyMatch(k -> k.startsWith("wirewatch_feed_newest_item_age_seconds{")));
        // Kafka's own client and Streams metrics come through Micrometer's binders
        assertTrue(metrics.keySet().stream().anyMatch(k -> k.startsWith("kafka_stream_")), "Kafka Streams metrics");
        assertTrue(metrics.keySet().stream().anyMatch(k -> k.startsWith("kafka_admin_client_")), "admin client metrics");

        // And no answer carries the configured password
        for (String path : List.of("/metrics", "/health/live", "/health/ready", "/no-such-path")) {
          assertFalse(get(base + path).body().contains(SECRET), path + " shows the password");
        }
      } finally {
        if (pipeline != null) {
          pipeline.close();
        } else {
          starting.thenAccept(Pipeline::close);
        }
      }
      // And the port is released with the pipeline
      assertEquals(null, statusOrNull(base + "/health/live"));
    }
  }

  @Test
  void withTheDatabaseUnreachable_readinessNamesTheDatabaseCheck_andShowsNoSecret() throws Exception {
    // Given a pipeline whose PostgreSQL server does not listen (a free port), with a password configured
    int port = freePort();
    int noDatabase = freePort();
    WirewatchConfig config = WirewatchConfig.of(Map.of(
        "data.dir", dir.resolve("data").toString(),
        "http.port", Integer.toString(port),
        "storage.url", "jdbc:postgresql://127.0.0.1:" + noDatabase + "/test",
        "storage.user", "wirewatch",
        "storage.password", SECRET), List.of());
    String base = "http://127.0.0.1:" + port;

    // When it runs (classify and sink come up; the sink cannot reach its database)
    try (Pipeline pipeline = Pipeline.start(config, Pipeline.Options.defaults())) {
      Instant deadline = Instant.now().plus(LIMIT);
      JsonNode ready;
      while (true) {
        HttpResponse<String> answer = get(base + "/health/ready");
        ready = JSON.readTree(answer.body());
        if (answer.statusCode() == 503 && check(ready, "database").path("detail").asText().contains("DATABASE_UNAVAILABLE")) {
          break;
        }
        assertTrue(Instant.now().isBefore(deadline), "database check never failed: " + answer.body());
        TimeUnit.MILLISECONDS.sleep(100);
      }

      // Then readiness is 503 and names the database as the failing check, the others being up
      assertEquals(List.of("database"), texts(ready.path("failing")));
      assertEquals("UP", check(ready, "broker").path("status").asText());
      assertEquals("UP", check(ready, "classify").path("status").asText());
      // And the process is still live: the sink retries by itself
      assertEquals(200, get(base + "/health/live").statusCode());
      // And `wirewatch health` says not ready (exit 1), naming the database; `--live` says live
      DemoScenario.Result health = DemoScenario.wirewatch("health", "--set", "http.port=" + port);
      assertEquals(Main.FAILURE, health.code());
      assertTrue(health.out().contains("\"failing\":[\"database\"]"), health.out());
      assertEquals(Main.OK, DemoScenario.wirewatch("health", "--live", "--set", "http.port=" + port).code());
      // And no answer shows the password
      for (String path : List.of("/metrics", "/health/live", "/health/ready")) {
        assertFalse(get(base + path).body().contains(SECRET), path + " shows the password");
      }
      assertTrue(get(base + "/metrics").body().contains("wirewatch_sink_retries_total"));
    }
  }

  private Map<String, Double> awaitMetrics(String base, Predicate<Map<String, Double>> condition) throws Exception {
    Instant deadline = Instant.now().plus(LIMIT);
    while (true) {
      Map<String, Double> metrics = parse(get(base + "/metrics").body());
      if (condition.test(metrics)) {
        return metrics;
      }
      assertTrue(Instant.now().isBefore(deadline), "metrics never met the condition: " + select(metrics, "wirewatch_"));
      TimeUnit.MILLISECONDS.sleep(200);
    }
  }

  /** Each row of `wirewatch feeds`: health, source, http, seen, new, changed, ... */
  private static List<String[]> feedRows(Path config) {
    DemoScenario.Result feeds = DemoScenario.wirewatch("feeds", "--config", config.toString());
    assertEquals(Main.OK, feeds.code(), feeds.err());
    // state, source, kind, http, newest, seen, new, old, last poll, url (see FeedsCommand)
    return feeds.out().lines().skip(1).map(l -> l.trim().split("\\s+"))
        .filter(r -> r.length > 6 && Set.of("ok", "stale", "failing", "gone").contains(r[0])).toList();
  }

  private static Map<String, Double> parse(String exposition) {
    Map<String, Double> samples = new HashMap<>();
    for (String line : exposition.lines().toList()) {
      Matcher m = SAMPLE.matcher(line);
      if (!line.startsWith("#") && m.matches()) {
        samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
      }
    }
    return samples;
  }

  private static Map<String, Double> select(Map<String, Double> metrics, String prefix) {
    Map<String, Double> selected = new java.util.TreeMap<>();
    metrics.forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        selected.put(k, v);
      }
    });
    return selected;
  }

  private static double sum(Map<String, Double> metrics, String name) {
    return metrics.entrySet().stream().filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
        .mapToDouble(Map.Entry::getValue).sum();
  }

  private static Set<String> names(JsonNode health) {
    Set<String> names = new HashSet<>();
    health.path("checks").forEach(c -> names.add(c.path("name").asText()));
    return names;
  }

  private static JsonNode check(JsonNode health, String name) {
    for (JsonNode c : health.path("checks")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    return JSON.createObjectNode();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private HttpResponse<String> get(String url) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private Integer statusOrNull(String url) throws InterruptedException {
    try {
      return get(url).statusCode();
    } catch (ConnectException e) {
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  private String bodyOrEmpty(String url) throws InterruptedException {
    try {
      return get(url).body();
    } catch (IOException e) {
      return "";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
