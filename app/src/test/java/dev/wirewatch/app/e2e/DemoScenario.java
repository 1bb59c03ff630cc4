package dev.wirewatch.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.app.cli.Main;
import dev.wirewatch.app.demo.DemoSite;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The end-to-end scenario shared by the in-JVM and the container runs: the bundled sample site served over
 * HTTP, {@code wirewatch run --once} against it, then {@code wirewatch events --format json}. The expected
 * events are the ones app/src/main/resources/demo/README.md documents for the sample articles.
 */
final class DemoScenario {

  /** counterparts|format|status|startDate|endDate|city|country|mentions — one per expected event. */
  static final Set<String> EXPECTED_EVENTS = Set.of(
      "EU|dialogue|HELD|2024-06-13|2024-06-17|Chongqing|CN|2",
      "US|dialogue|HELD|2012-07-23|2012-07-24|Washington|US|1",
      "CH|dialogue|HELD|2024-05-28|2024-05-29|Bern|CH|2",
      "DE|dialogue|POSTPONED|2024-06-12|2024-06-13|Berlin|DE|1",
      "NL|dialogue|HELD|2024-05-30|2024-05-30|The Hague|NL|1",
      "JP|consultation|HELD|2024-06-26|2024-06-26|Tokyo|JP|1",
      "AFRICAN_UNION|dialogue|HELD|2024-06-20|2024-06-20|Addis Ababa|ET|1");

  private static final ObjectMapper JSON = new ObjectMapper();

  private DemoScenario() {
  }

  record Result(int code, String out, String err) {
  }

  static Result wirewatch(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), Map.of());
    return new Result(code, out.toString(), err.toString());
  }

  /** A config file that polls the sample site's feeds, keeps data in dataDir and uses Kafka at bootstrap ("" = embedded). */
  static Path writeConfig(Path dir, DemoSite site, Path dataDir, String bootstrap) {
    StringBuilder yaml = new StringBuilder("feeds:\n");
    site.feeds().forEach(f -> yaml.append("  - source: ").append(f.getKey()).append("\n    url: ").append(f.getValue()).append('\n'));
    yaml.append("data.dir: ").append(dataDir).append('\n');
    yaml.append("kafka:\n  bootstrap.servers: \"").append(bootstrap).append("\"\n");
    // The sample site dates from 2024: the age gate is off, as in the demo.
    yaml.append("ingest:\n  per.host.delay: 0s\n  read.timeout: 10s\n  max.item.age: 0\n");
    yaml.append("sink:\n  batch.linger: 100ms\n");
    yaml.append("http:\n  port: 0\n");
    try {
      return Files.writeString(dir.resolve("wirewatch.yaml"), yaml.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs one pass of the pipeline and returns the stored events as JSON records. */
  static List<JsonNode> runOnceAndListEvents(Path config) throws IOException {
    Result run = wirewatch("run", "--once", "--config", config.toString());
    assertEquals(Main.OK, run.code(), "run --once failed: " + run.err());
    return listEvents(config);
  }

  /** The stored events, without running the pipeline. */
  static List<JsonNode> listEvents(Path config) throws IOException {
    Result events = wirewatch("events", "--format", "json", "--config", config.toString());
    assertEquals(Main.OK, events.code(), events.err());
    List<JsonNode> records = new ArrayList<>();
    for (String line : events.out().lines().toList()) {
      records.add(JSON.readTree(line));
    }
    return records;
  }

  static Set<String> summaries(List<JsonNode> events) {
    Set<String> summaries = new TreeSet<>();
    for (JsonNode e : events) {
      List<String> counterparts = new ArrayList<>();
      e.path("counterparts").forEach(c -> counterparts.add(c.asText()));
      summaries.add(String.join(",", counterparts) + "|" + e.path("format").asText() + "|" + e.path("status").asText()
          + "|" + e.path("startDate").asText() + "|" + e.path("endDate").asText()
          + "|" + e.path("location").path("city").asText() + "|" + e.path("location").path("country").asText()
          + "|" + e.path("mentions").size());
    }
    return summaries;
  }
}
