package dev.wirewatch.app.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.app.http.Reply;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OpsPiecesTest {

  @Test
  void theRedactorMasksEverySecretTheConfigurationMasks_longestFirst() {
    // Given a configuration with a database password and a JAAS setting
    WirewatchConfig config = WirewatchConfig.of(Map.of("storage.password", "hunter22",
        "kafka.sasl.jaas.config", "x required password=\"hunter22-long\";"), List.of());

    // When a text carrying both is redacted
    String text = Redactor.of(config).redact("failed: x required password=\"hunter22-long\"; then hunter22");

    // Then neither value is left
    assertEquals("failed: ****** then ******", text);
  }

  @Test
  void aFeedLabelKeepsNoQueryUserInfoOrFragment() {
    assertEquals("https://example.org/feed.xml", PipelineMetrics.feedLabel("https://user:pw@example.org/feed.xml?token=abc#x"));
    assertEquals("http://127.0.0.1:8081/rss", PipelineMetrics.feedLabel("http://127.0.0.1:8081/rss"));
  }

  @Test
  void lagCountsEveryRecordNotReached_aPartitionWithoutPositionWhole() {
    TopicPartition p0 = new TopicPartition("t", 0);
    TopicPartition p1 = new TopicPartition("t", 1);
    assertEquals(7 + 3, KafkaProbe.lag(Map.of(p0, 10L, p1, 3L), Map.of(p0, 3L)));
    assertEquals(0, KafkaProbe.lag(Map.of(p0, 10L), Map.of(p0, 12L)));
  }

  @Test
  void healthIs503NamingTheFailingChecks_andRedactsDetails() {
    // Given one check up and one down whose detail carries a secret
    HealthChecks checks = new HealthChecks(new Redactor(List.of("s3cret")))
        .add("broker", () -> Check.up("broker", "reachable"))
        .add("database", () -> Check.down("database", "login s3cret refused"))
        .add("feeds", () -> {
          throw new IllegalStateException("boom s3cret");
        });

    // When rendered
    Reply reply = checks.reply();

    // Then the reply is 503, names the failing checks, and shows no secret
    assertEquals(503, reply.status());
    String body = reply.bodyText();
    assertTrue(body.contains("\"failing\":[\"database\",\"feeds\"]"), body);
    assertTrue(body.contains("\"detail\":\"login ****** refused\""), body);
    assertFalse(body.contains("s3cret"), body);
  }

  @Test
  void healthIs200WhenEveryCheckIsUp() {
    Reply reply = new HealthChecks(new Redactor(List.of())).add("process", () -> Check.up("process", "responding")).reply();
    assertEquals(200, reply.status());
    assertTrue(reply.bodyText().startsWith("{\"status\":\"UP\""), reply.bodyText());
  }
}
