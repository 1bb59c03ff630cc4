package dev.wirewatch.app.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wirewatch.app.demo.DemoSite;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The end-to-end scenario of {@link PipelineIT} against a Kafka container (the apache/kafka image) instead
 * of the embedded broker. Testcontainers skips it where no Docker engine runs (as in CI here); the in-JVM
 * run is the one CI relies on.
 */
@Testcontainers(disabledWithoutDocker = true)
class PipelineContainerIT {

  @Container
  static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.3.0");

  @TempDir
  Path dir;

  @Test
  void sampleFeedsBecomeTheDocumentedEventsWithAnExternalCluster() throws Exception {
    try (DemoSite site = DemoSite.start()) {
      Path config = DemoScenario.writeConfig(dir, site, dir.resolve("data"), KAFKA.getBootstrapServers());
      assertEquals(DemoScenario.EXPECTED_EVENTS, DemoScenario.summaries(DemoScenario.runOnceAndListEvents(config)));
    }
  }
}
