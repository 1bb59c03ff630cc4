package dev.wirewatch.classify.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.classify.Articles;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.classify.streams.internal.EventProcessor;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.DialogueMention;
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event's classifierVersion is the version under which its merged content last changed, whatever the mention path:
 * here the state a previous classifier left (two mentions of one round) meets a newer classifier that retracts one
 * mention and leaves the other's reading as it was.
 */
class EventVersionTest {

  @TempDir
  Path stateDir;

  private final DialogueClassifier older = DialogueClassifier.standard();
  // The same rules with one more comment line: the same answers under another version, as after a rule change that
  // touches other articles only.
  private final DialogueClassifier newer = DialogueClassifier.withResources(
      Map.of("tone.tsv", DialogueClassifier.shippedResource("tone.tsv") + "\n# another revision\n"));
  private TopologyTestDriver driver;
  private TestInputTopic<String, RawArticle> raw;
  private TestOutputTopic<String, DialogueEvent> events;

  @BeforeEach
  void start() {
    Properties props = ClassifyTopology.streamsProperties(Map.of("bootstrap.servers", "unused:9092"), "event-version-test", stateDir);
    driver = new TopologyTestDriver(ClassifyTopology.buildTopology(newer), props);
    raw = driver.createInputTopic(Topics.RAW_ARTICLES.name(), Topics.RAW_ARTICLES.keySerde().serializer(),
        Topics.RAW_ARTICLES.valueSerde().serializer());
    events = driver.createOutputTopic(Topics.DIALOGUE_EVENTS.name(), Topics.DIALOGUE_EVENTS.keySerde().deserializer(),
        Topics.DIALOGUE_EVENTS.valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void aReplayThatRetractsOneMentionStampsTheSurvivingEventWithTheNewVersion() {
    // Given two reports of one round, classified and stored by the older classifier
    assertNotEquals(older.version(), newer.version());
    RawArticle announcement = ClassifyTopologyTest.rawArticle(Articles.swissAnnouncement());
    RawArticle held = ClassifyTopologyTest.rawArticle(Articles.swissHeld());
    DialogueMention first = ArchiveClassifier.of(older).mentionOf(announcement.getArticleId(), announcement).orElseThrow();
    DialogueMention second = ArchiveClassifier.of(older).mentionOf(held.getArticleId(), held).orElseThrow();
    String eventId = first.getDialogue().getEventId();
    assertEquals(eventId, second.getDialogue().getEventId());
    KeyValueStore<String, DialogueMention> byArticle = driver.getKeyValueStore(ClassifyTopology.MENTION_STORE);
    KeyValueStore<String, DialogueMention> byEvent = driver.getKeyValueStore(ClassifyTopology.EVENT_STORE);
    for (DialogueMention m : List.of(first, second)) {
      byArticle.put(m.getArticleId(), m);
      byEvent.put(EventProcessor.storeKey(eventId, m.getArticleId()), m);
    }

    // When the newer classifier replays the archive: the announcement now reads as something else, the held
    // report reads as before
    RawArticle rewritten = RawArticle.newBuilder(announcement).setText(Articles.whitePaper().text()).setTitle("Something else").build();
    raw.pipeInput(rewritten.getArticleId(), rewritten);
    raw.pipeInput(held.getArticleId(), held);

    // Then the event changed (one mention left) under the newer version
    List<KeyValue<String, DialogueEvent>> out = events.readKeyValuesToList();
    assertEquals(1, out.size(), out.toString());
    DialogueEvent event = out.get(0).value;
    assertEquals(eventId, out.get(0).key);
    assertEquals(List.of(held.getArticleId()), event.getMentions().stream().map(m -> m.getArticleId()).toList());
    assertEquals(newer.version(), event.getClassifierVersion());
  }

  @Test
  void aResendThatChangesNothingKeepsTheVersionThatLastChangedTheEvent() {
    // Given one report stored by the older classifier
    RawArticle held = ClassifyTopologyTest.rawArticle(Articles.swissHeld());
    DialogueMention stored = ArchiveClassifier.of(older).mentionOf(held.getArticleId(), held).orElseThrow();
    driver.<String, DialogueMention>getKeyValueStore(ClassifyTopology.MENTION_STORE).put(held.getArticleId(), stored);
    driver.<String, DialogueMention>getKeyValueStore(ClassifyTopology.EVENT_STORE)
        .put(EventProcessor.storeKey(stored.getDialogue().getEventId(), held.getArticleId()), stored);

    // When the newer classifier reads it the same way
    raw.pipeInput(held.getArticleId(), held);

    // Then the event is not re-emitted: its record keeps the older version
    assertTrue(events.isEmpty(), () -> events.readKeyValuesToList().toString());
  }
}
