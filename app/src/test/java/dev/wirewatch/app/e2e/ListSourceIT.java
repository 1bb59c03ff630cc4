package dev.wirewatch.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.app.cli.Main;
import dev.wirewatch.app.demo.DemoSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Xinhua-style list page with a JSON data source, end to end on the embedded default: list page and
 * {@code ds_<id>.json} over real HTTP → article pages → raw-articles → classifier → stored events, and the
 * source's state in {@code wirewatch feeds --format json}.
 */
class ListSourceIT {

  @TempDir
  Path dir;

  @Test
  void dataSourceListBecomesStoredEvents() throws Exception {
    Path dataDir = dir.resolve("data");
    try (DemoSite site = DemoSite.start()) {
      // Given the sample site's list page as the only source, its kind left to the answer, the age gate off
      String list = site.baseUrl() + "/xinhua/list/latestnews.htm";
      Path config = Files.writeString(dir.resolve("wirewatch.yaml"), "feeds:\n  - source: xinhua\n    url: " + list
          + "\ndata.dir: " + dataDir + "\ningest:\n  per.host.delay: 0s\n  max.item.age: 0\nsink:\n  batch.linger: 100ms\n");

      // When the pipeline runs once
      List<JsonNode> events = DemoScenario.runOnceAndListEvents(config);

      // Then the two dialogue reports the JSON lists are stored events (the white paper is not one)
      assertEquals(Set.of("EU|dialogue|HELD|2024-06-13|2024-06-17|Chongqing|CN|1",
          "DE|dialogue|POSTPONED|2024-06-12|2024-06-13|Berlin|DE|1"), DemoScenario.summaries(events));

      // And the source shows as a list whose items are old: stale, with its newest item's time
      DemoScenario.Result feeds = DemoScenario.wirewatch("feeds", "--format", "json", "--config", config.toString());
      assertEquals(Main.OK, feeds.code(), feeds.err());
      List<String> lines = feeds.out().lines().toList();
      assertEquals(1, lines.size(), feeds.out());
      JsonNode source = new ObjectMapper().readTree(lines.get(0));
      assertEquals(list, source.path("url").asText());
      assertEquals("list", source.path("kind").asText());
      assertEquals("stale", source.path("state").asText());
      assertEquals(200, source.path("httpStatus").asInt());
      assertEquals(3, source.path("itemsSeen").asInt());
      assertEquals("2024-06-18T12:45:15Z", source.path("newestItemAt").asText());
      assertTrue(source.path("error").isNull(), source.toString());
    }
  }
}
