package dev.wirewatch.app.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.app.Pipeline;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.TopicProvisioner;
import dev.wirewatch.broker.TopicSnapshot;
import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replay whose process is killed (kill -9 of a child JVM running {@code wirewatch replay --once}) and then
 * started again reaches the same outcome as an uninterrupted one: the new classifier's answer, nothing twice.
 */
class ReplayCrashIT {

  private static final Duration LIMIT = Duration.ofMinutes(3);

  @TempDir
  Path dir;

  @Test
  void aReplayKilledMidwayAndStartedAgainConvergesOnTheSameAnswer() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("broker"))) {
      TopicProvisioner.ensureTopics(kafka.clientProperties(), 2, (short) -1);
      Map<String, Object> props = kafka.clientProperties();
      Path config = Files.writeString(dir.resolve("wirewatch.yaml"), "feeds: []\n"
          + "kafka:\n  bootstrap.servers: \"" + kafka.bootstrapServers() + "\"\n"
          + "data.dir: " + dir.resolve("data") + "\n"
          + "sink:\n  batch.linger: 100ms\n"
          + "http:\n  port: 0\n");

      // Given an archive classified by an older variant that did not know Switzerland as a counterpart
      DialogueClassifier older = DialogueClassifier.withResources(Map.of("counterparts.tsv",
          DialogueClassifier.shippedResource("counterparts.tsv").lines().filter(l -> !l.startsWith("CH\t"))
              .collect(Collectors.joining("\n", "", "\n"))));
      ArchiveFixtures.produce(props, ArchiveFixtures.archive(280, 1200, 7));
      WirewatchConfig wirewatch = WirewatchConfig.load(config, Map.of(), Map.of(), null);
      try (Pipeline pipeline = Pipeline.start(wirewatch, Pipeline.Options.defaults()
          .withStages(EnumSet.of(Pipeline.Stage.CLASSIFY, Pipeline.Stage.SINK)).withClassifier(ArchiveClassifier.of(older)))) {
        pipeline.awaitDrained(LIMIT);
      }
      String shipped = DialogueClassifier.standard().version();

      // When `wirewatch replay --once` (the shipped classifier) is killed once it has written part of its answer
      Process first = wirewatch(config, "replay", "--once");
      Instant deadline = Instant.now().plus(LIMIT);
      while (!wroteSomething(props, shipped)) {
        assertTrue(first.isAlive(), () -> "replay ended before it could be killed: " + log());
        assertTrue(Instant.now().isBefore(deadline), "replay wrote nothing in time");
        TimeUnit.MILLISECONDS.sleep(50);
      }
      first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

      // And started again to the end
      Process second = wirewatch(config, "replay", "--once");
      assertTrue(second.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), "second replay finished");
      assertEquals(0, second.exitValue(), this::log);

      // Then the topics hold exactly the shipped classifier's answer
      Replay.Plan expected = Replay.plan(props, ArchiveClassifier.of(DialogueClassifier.standard()), LIMIT);
      assertTrue(expected.report().isEmpty(), expected.report().summaryLine());
      assertEquals(expected.mentions(), TopicSnapshot.latestPerKey(Topics.DIALOGUE_MENTIONS, props, LIMIT));
      Map<String, DialogueEvent> events = TopicSnapshot.latestPerKey(Topics.DIALOGUE_EVENTS, props, LIMIT);
      assertEquals(expected.events().keySet(), events.keySet());
      assertFalse(events.isEmpty());
    }
  }

  private String log() {
    try {
      return Files.readString(dir.resolve("replay.log"));
    } catch (java.io.IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private boolean wroteSomething(Map<String, Object> props, String version) {
    return TopicSnapshot.latestPerKey(Topics.DIALOGUE_MENTIONS, props, LIMIT).values().stream()
        .anyMatch(m -> m.getClassifierVersion().equals(version));
  }

  private Process wirewatch(Path config, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(args));
    command.addAll(List.of("--config", config.toString()));
    return WirewatchProcess.start(dir.resolve("replay.log"), List.of(), command);
  }
}
