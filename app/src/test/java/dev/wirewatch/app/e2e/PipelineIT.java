package dev.wirewatch.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wirewatch.app.demo.DemoSite;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.TopicSnapshot;
import dev.wirewatch.schema.json.AvroJson;
import dev.wirewatch.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on the embedded default: sample feeds over real HTTP → embedded KRaft broker → Streams
 * classifier → SQLite, driven through the command line exactly as a user runs it.
 */
class PipelineIT {

  @TempDir
  Path dir;

  @Test
  void sampleFeedsBecomeTheDocumentedEventsOnTheTopicAndInTheDatabase_andARestartAddsNothing() throws Exception {
    Path dataDir = dir.resolve("data");
    try (DemoSite site = DemoSite.start()) {
      // Given a config that polls the sample site with the embedded broker and SQLite
      Path config = DemoScenario.writeConfig(dir, site, dataDir, "");

      // When the pipeline runs once
      List<JsonNode> stored = DemoScenario.runOnceAndListEvents(config);

      // Then the database holds exactly the documented events
      assertEquals(DemoScenario.EXPECTED_EVENTS, DemoScenario.summaries(stored));
      stored.forEach(e -> assertTrue(e.path("eventId").asText().startsWith("cn-"), e.path("eventId").asText()));
      stored.forEach(e -> assertTrue(e.path("classifierVersion").asText().length() > 0));

      // When it runs once more on the same data directory
      List<JsonNode> again = DemoScenario.runOnceAndListEvents(config);

      // Then nothing is duplicated or changed
      assertEquals(byId(stored), byId(again));
    }

    // And the latest record per key of dialogue-events is exactly what the database holds
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      Map<String, JsonNode> topicView = latestPerKey(kafka.clientProperties());
      Map<String, JsonNode> stored = byId(DemoScenario.listEvents(dir.resolve("wirewatch.yaml")));
      assertEquals(stored, topicView);
    }
  }

  private static Map<String, JsonNode> byId(List<JsonNode> events) {
    return events.stream().collect(Collectors.toMap(e -> e.path("eventId").asText(), e -> e, (a, b) -> a, TreeMap::new));
  }

  private static Map<String, JsonNode> latestPerKey(Map<String, Object> clientProps) {
    Map<String, JsonNode> latest = new TreeMap<>();
    TopicSnapshot.latestPerKey(Topics.DIALOGUE_EVENTS, clientProps, Duration.ofSeconds(60))
        .forEach((id, event) -> latest.put(id, AvroJson.toJson(event)));
    return latest;
  }
}
