package dev.wirewatch.app.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.app.Pipeline;
import dev.wirewatch.app.config.Settings;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.HangingTransactionFixture;
import dev.wirewatch.broker.HangingTransactions;
import dev.wirewatch.broker.TopicProvisioner;
import dev.wirewatch.broker.TopicSnapshot;
import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction that an interrupted process left hanging (open on {@code dialogue-mentions} and on the classify
 * group's offsets, with no marker, unknown to its coordinator) kept every later {@code run} and {@code replay}
 * from starting: the group's offsets stayed unstable and the classify application never reached RUNNING. Both
 * now abort it first and start.
 */
class HangingTransactionStartIT {

  private static final Duration LIMIT = Duration.ofMinutes(2);

  @TempDir
  Path dir;

  @Test
  void replayAndRunStartAndConvergeOverATransactionAnInterruptedProcessLeftHanging() throws Exception {
    Path brokerDir = dir.resolve("broker");
    String application = WirewatchConfig.of(Map.of(), List.of()).get(Settings.CLASSIFY_APP_ID);
    TopicPartition input = new TopicPartition(Topics.RAW_ARTICLES.name(), 0);
    List<HangingTransactionFixture.Open> interrupted = List.of(new HangingTransactionFixture.Open(
        application + "-" + UUID.randomUUID() + "-1", List.of(new TopicPartition(Topics.DIALOGUE_MENTIONS.name(), 0)),
        application, input));
    try (EmbeddedKafka kafka = EmbeddedKafka.start(brokerDir)) {
      TopicProvisioner.ensureTopics(kafka.clientProperties(), 2, (short) -1);
      ArchiveFixtures.produce(kafka.clientProperties(), ArchiveFixtures.archive(14, 20, 3));
    }
    Pipeline.Options classifyAndSink = Pipeline.Options.defaults().withStages(EnumSet.of(Pipeline.Stage.CLASSIFY, Pipeline.Stage.SINK));
    ArchiveClassifier shipped = ArchiveClassifier.of(DialogueClassifier.standard());

    // Given a transaction of the classify application left hanging
    HangingTransactionFixture.leaveHanging(brokerDir, interrupted);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(brokerDir)) {
      WirewatchConfig config = config(kafka);
      assertTrue(HangingTransactions.offsetsPending(kafka.clientProperties(), application, List.of(input)), "offsets held pending");

      // When a replay starts, Then it reaches RUNNING (Pipeline.start throws otherwise) and catches up
      try (ReplayRun replay = ReplayRun.start(config, classifyAndSink, shipped, null, LIMIT)) {
        replay.awaitCaughtUp(LIMIT);
      }
      assertConverged(kafka, config, application, input);
    }

    // Given the same again
    HangingTransactionFixture.leaveHanging(brokerDir, interrupted);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(brokerDir)) {
      WirewatchConfig config = config(kafka);
      assertTrue(HangingTransactions.offsetsPending(kafka.clientProperties(), application, List.of(input)), "offsets held pending");

      // When the pipeline starts (run), Then it reaches RUNNING and catches up
      try (Pipeline pipeline = Pipeline.start(config, classifyAndSink.withClassifier(shipped))) {
        pipeline.awaitDrained(LIMIT);
      }
      assertConverged(kafka, config, application, input);
    }
  }

  private WirewatchConfig config(EmbeddedKafka kafka) {
    return WirewatchConfig.of(Map.of(
        "kafka.bootstrap.servers", kafka.bootstrapServers(),
        "data.dir", dir.resolve("data").toString(),
        "sink.batch.linger", "100ms"), List.of());
  }

  private static void assertConverged(EmbeddedKafka kafka, WirewatchConfig config, String application, TopicPartition input)
      throws InterruptedException {
    Map<String, Object> props = kafka.clientProperties();
    assertFalse(HangingTransactions.offsetsPending(props, application, List.of(input)), "offsets stable again");
    Replay.Plan expected = Replay.plan(props, ArchiveClassifier.of(DialogueClassifier.standard()), LIMIT);
    assertTrue(expected.report().isEmpty(), expected.report().summaryLine());
    assertFalse(expected.events().isEmpty());
    assertEquals(expected.mentions(), TopicSnapshot.latestPerKey(Topics.DIALOGUE_MENTIONS, props, LIMIT));
    assertEquals(StoredEvents.json(expected.events()), StoredEvents.stored(config));
  }
}
