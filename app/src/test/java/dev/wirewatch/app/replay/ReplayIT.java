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
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay after a classifier change, on a real embedded broker and SQLite: the archive classified by version A,
 * then replayed with a test variant B that flips verdicts (it no longer knows Switzerland as a counterpart)
 * and changes fields (it no longer knows the death-penalty topic).
 */
class ReplayIT {

  private static final Duration LIMIT = Duration.ofMinutes(3);
  private static final DialogueClassifier VERSION_A = DialogueClassifier.standard();
  private static final DialogueClassifier VERSION_B = DialogueClassifier.withResources(Map.of(
      "counterparts.tsv", withoutLinesStartingWith(DialogueClassifier.shippedResource("counterparts.tsv"), "CH\t"),
      "topics.tsv", withoutLinesStartingWith(DialogueClassifier.shippedResource("topics.tsv"), "death-penalty\t")));

  @TempDir
  static Path dir;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(dir.resolve("broker"));
    TopicProvisioner.ensureTopics(kafka.clientProperties(), 2, (short) -1);
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void replayConvergesOnTheNewClassifiersAnswer_twiceIsANoOp_andLiveArticlesAreClassifiedOnce() throws Exception {
    assertFalse(VERSION_A.version().equals(VERSION_B.version()), "variant B has its own version");
    WirewatchConfig config = WirewatchConfig.of(Map.of(
        "kafka.bootstrap.servers", kafka.bootstrapServers(),
        "data.dir", dir.resolve("data").toString(),
        "sink.batch.linger", "100ms",
        "http.port", "0"), List.of());
    Pipeline.Options classifyAndSink = Pipeline.Options.defaults().withStages(EnumSet.of(Pipeline.Stage.CLASSIFY, Pipeline.Stage.SINK));

    // Given an archive of 1,000+ articles classified by version A
    List<RawArticle> archive = ArchiveFixtures.archive(210, 600, 42);
    produce(archive);
    try (Pipeline pipeline = Pipeline.start(config, classifyAndSink.withClassifier(ArchiveClassifier.of(VERSION_A)))) {
      pipeline.awaitDrained(LIMIT);
    }
    Map<String, Object> props = kafka.clientProperties();
    Replay.Plan planned = Replay.plan(props, ArchiveClassifier.of(VERSION_B), LIMIT);
    assertFalse(planned.report().retracted().isEmpty(), "B retracts events (sanity of the variant)");
    assertFalse(planned.report().changed().isEmpty(), "B changes fields of events (sanity of the variant)");

    // When the archive is replayed with version B while new articles keep arriving
    Map<String, DialogueEvent> eventsBefore = TopicSnapshot.latestPerKey(Topics.DIALOGUE_EVENTS, props, LIMIT);
    List<RawArticle> live = java.util.stream.IntStream.range(0, 14).mapToObj(ArchiveFixtures::liveReport).toList();
    ReplayReport report;
    try (ReplayRun replay = ReplayRun.start(config, classifyAndSink, ArchiveClassifier.of(VERSION_B), null, LIMIT)) {
      produce(live);
      report = replay.awaitCaughtUp(LIMIT);
    }

    // Then the topics and the database hold exactly B's answer over the whole archive, live articles included
    Replay.Plan expected = Replay.plan(props, ArchiveClassifier.of(VERSION_B), LIMIT);
    assertTrue(expected.report().isEmpty(), "after the replay B has nothing left to change: " + expected.report().summaryLine());
    assertEquals(expected.mentions(), TopicSnapshot.latestPerKey(Topics.DIALOGUE_MENTIONS, props, LIMIT));
    Map<String, DialogueEvent> events = TopicSnapshot.latestPerKey(Topics.DIALOGUE_EVENTS, props, LIMIT);
    assertEquals(expected.events().keySet(), events.keySet());
    expected.events().forEach((id, e) -> assertEquals(List.of(), ReplayReport.differingFields(e, events.get(id)), id));
    assertEquals(StoredEvents.json(events), StoredEvents.stored(config));
    assertEquals(planned.report().retracted(), report.retracted(), "the real run retracts what the dry run said");
    int untouched = 0;
    for (Map.Entry<String, DialogueEvent> e : events.entrySet()) {
      DialogueEvent old = eventsBefore.get(e.getKey());
      if (old != null && ReplayReport.differingFields(old, e.getValue()).isEmpty()) {
        // Not re-emitted: still the record version A wrote, so its database row was not rewritten either
        assertEquals(old, e.getValue(), e.getKey());
        untouched++;
      }
    }
    assertTrue(untouched > 0, "some events are the same under both versions");
    for (RawArticle article : live) {
      if (expected.mentions().containsKey(article.getArticleId())) {
        assertEquals(1, recordsFor(Topics.DIALOGUE_MENTIONS.name(), article.getArticleId()), "live article classified once");
      }
    }

    // When the same replay runs again, nothing is written
    long eventRecords = count(Topics.DIALOGUE_EVENTS.name());
    long mentionRecords = count(Topics.DIALOGUE_MENTIONS.name());
    try (ReplayRun again = ReplayRun.start(config, classifyAndSink, ArchiveClassifier.of(VERSION_B), null, LIMIT)) {
      assertTrue(again.awaitCaughtUp(LIMIT).isEmpty());
    }
    assertEquals(eventRecords, count(Topics.DIALOGUE_EVENTS.name()));
    assertEquals(mentionRecords, count(Topics.DIALOGUE_MENTIONS.name()));
  }

  private static void produce(List<RawArticle> articles) throws Exception {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put("enable.idempotence", true);
    try (KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(props,
        Topics.RAW_ARTICLES.keySerde().serializer(), Topics.RAW_ARTICLES.valueSerde().serializer())) {
      for (RawArticle article : articles) {
        producer.send(new ProducerRecord<>(Topics.RAW_ARTICLES.name(), article.getArticleId(), article));
      }
      producer.flush();
    }
  }

  private static long count(String topic) {
    AtomicInteger n = new AtomicInteger();
    TopicSnapshot.scan(new dev.wirewatch.schema.topic.TopicSpec<>(topic, org.apache.kafka.common.serialization.Serdes.String(),
        org.apache.kafka.common.serialization.Serdes.ByteArray(), Map.of()), kafka.clientProperties(), LIMIT, (k, v) -> n.incrementAndGet());
    return n.get();
  }

  private static long recordsFor(String topic, String key) {
    AtomicInteger n = new AtomicInteger();
    TopicSnapshot.scan(new dev.wirewatch.schema.topic.TopicSpec<>(topic, org.apache.kafka.common.serialization.Serdes.String(),
        org.apache.kafka.common.serialization.Serdes.ByteArray(), Map.of()), kafka.clientProperties(), LIMIT, (k, v) -> {
          if (key.equals(k)) {
            n.incrementAndGet();
          }
        });
    return n.get();
  }

  private static String withoutLinesStartingWith(String text, String prefix) {
    return text.lines().filter(l -> !l.startsWith(prefix)).collect(Collectors.joining("\n", "", "\n"));
  }
}
