package dev.wirewatch.classify.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.classify.ArticleInput;
import dev.wirewatch.classify.Articles;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.DialogueMention;
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyTopologyTest {

  @TempDir
  Path stateDir;

  private final DialogueClassifier classifier = DialogueClassifier.standard();
  private TopologyTestDriver driver;
  private TestInputTopic<String, RawArticle> raw;
  private TestInputTopic<byte[], byte[]> rawBytes;
  private TestOutputTopic<String, DialogueMention> mentions;
  private TestOutputTopic<String, DialogueEvent> events;

  @BeforeEach
  void start() {
    Properties props = ClassifyTopology.streamsProperties(Map.of("bootstrap.servers", "unused:9092"), "classify-test", stateDir);
    driver = new TopologyTestDriver(ClassifyTopology.buildTopology(classifier), props);
    raw = driver.createInputTopic(Topics.RAW_ARTICLES.name(), Topics.RAW_ARTICLES.keySerde().serializer(),
        Topics.RAW_ARTICLES.valueSerde().serializer());
    rawBytes = driver.createInputTopic(Topics.RAW_ARTICLES.name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    mentions = driver.createOutputTopic(Topics.DIALOGUE_MENTIONS.name(), Topics.DIALOGUE_MENTIONS.keySerde().deserializer(),
        Topics.DIALOGUE_MENTIONS.valueSerde().deserializer());
    events = driver.createOutputTopic(Topics.DIALOGUE_EVENTS.name(), Topics.DIALOGUE_EVENTS.keySerde().deserializer(),
        Topics.DIALOGUE_EVENTS.valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  static RawArticle rawArticle(ArticleInput a) {
    return RawArticle.newBuilder()
        .setArticleId(a.id()).setSource(a.source()).setUrl(a.url()).setTitle(a.title()).setPublishedAt(a.publishedAt())
        .setDateline(a.dateline()).setLanguage(a.language() == null ? "en" : a.language()).setText(a.text())
        .setExtractorVersion("test/1").build();
  }

  @Test
  void seedArticleGivesOneMentionAndOneEvent() {
    // Given
    RawArticle article = rawArticle(Articles.usDialogue2012());

    // When
    raw.pipeInput(article.getArticleId(), article);

    // Then
    KeyValue<String, DialogueMention> mention = mentions.readKeyValue();
    assertEquals("xinhua-us-2012", mention.key);
    assertEquals(classifier.version(), mention.value.getClassifierVersion());
    assertEquals("test/1", mention.value.getExtractorVersion());
    KeyValue<String, DialogueEvent> event = events.readKeyValue();
    assertEquals("cn-us/human-rights-dialogue/2012-07", event.key);
    assertEquals(classifier.version(), event.value.getClassifierVersion());
    assertEquals(1, event.value.getMentions().size());
    assertTrue(mentions.isEmpty());
    assertTrue(events.isEmpty());
  }

  @Test
  void nearMissGivesNothing() {
    // Given
    RawArticle article = rawArticle(Articles.whitePaper());

    // When
    raw.pipeInput(article.getArticleId(), article);

    // Then: no mention, and no tombstone for an article that was never a mention
    assertTrue(mentions.isEmpty());
    assertTrue(events.isEmpty());
  }

  @Test
  void articleRewrittenIntoANonDialogueTombstonesItsMentionAndItsLastEvent() {
    // Given a dialogue report that was published
    RawArticle article = rawArticle(Articles.euDialogue2024());
    raw.pipeInput(article.getArticleId(), article);
    String eventId = events.readKeyValue().key;
    mentions.readKeyValue();

    // When the same article comes back with text that no longer reports a round
    RawArticle changed = RawArticle.newBuilder(article).setText(Articles.whitePaper().text()).setTitle("Something else").build();
    raw.pipeInput(article.getArticleId(), changed);

    // Then
    KeyValue<String, DialogueMention> mentionTombstone = mentions.readKeyValue();
    assertEquals(article.getArticleId(), mentionTombstone.key);
    assertNull(mentionTombstone.value);
    KeyValue<String, DialogueEvent> eventTombstone = events.readKeyValue();
    assertEquals(eventId, eventTombstone.key);
    assertNull(eventTombstone.value);
  }

  @Test
  void twoReportsOfOneRoundMergeIntoOneEventWithTwoMentions() {
    // Given an announcement and a later report of the same round
    RawArticle announcement = rawArticle(Articles.swissAnnouncement());
    RawArticle held = rawArticle(Articles.swissHeld());

    // When
    raw.pipeInput(announcement.getArticleId(), announcement);
    raw.pipeInput(held.getArticleId(), held);

    // Then
    List<KeyValue<String, DialogueEvent>> out = events.readKeyValuesToList();
    assertEquals(2, out.size());
    KeyValue<String, DialogueEvent> last = out.get(1);
    assertEquals(out.get(0).key, last.key);
    assertEquals(List.of("ch-ann", "ch-held"), last.value.getMentions().stream().map(m -> m.getArticleId()).toList());
    assertEquals("HELD", last.value.getStatus());
    assertEquals(2, mentions.readKeyValuesToList().size());
  }

  @Test
  void articleWhoseEventIdChangesLeavesItsOldEvent() {
    // Given an announcement that gave the wrong month, then a correction of the same article
    RawArticle first = rawArticle(Articles.swissAnnouncement());
    raw.pipeInput(first.getArticleId(), first);
    String oldId = events.readKeyValue().key;

    // When
    RawArticle corrected = RawArticle.newBuilder(first).setText(first.getText().replace("on Friday", "on July 2")).build();
    raw.pipeInput(first.getArticleId(), corrected);

    // Then
    List<KeyValue<String, DialogueEvent>> out = events.readKeyValuesToList();
    assertEquals(2, out.size());
    assertEquals(oldId, out.get(0).key);
    assertNull(out.get(0).value);
    assertEquals("cn-ch/human-rights-dialogue/2025-07", out.get(1).key);
  }

  @Test
  void unchangedResendEmitsNothing() {
    // Given
    RawArticle article = rawArticle(Articles.usDialogue2012());
    raw.pipeInput(article.getArticleId(), article);
    mentions.readKeyValuesToList();
    events.readKeyValuesToList();

    // When
    raw.pipeInput(article.getArticleId(), article);

    // Then
    assertTrue(mentions.isEmpty());
    assertTrue(events.isEmpty());
  }

  @Test
  void corruptValueIsSkippedAndProcessingContinues() {
    // Given bytes that are not a RawArticle (TopologyTestDriver does not route dead letters; ClassifyTopologyIT
    // checks the wirewatch-dlq record against a real broker)
    byte[] key = "bad-1".getBytes(StandardCharsets.UTF_8);

    // When
    rawBytes.pipeInput(key, new byte[] {1, 2, 3});
    RawArticle good = rawArticle(Articles.usDialogue2012());
    raw.pipeInput(good.getArticleId(), good);

    // Then
    assertEquals(good.getArticleId(), mentions.readKeyValue().key);
  }

  @Test
  void everyStatefulPieceHasAStableName() {
    // Given
    Topology topology = ClassifyTopology.buildTopology(classifier);

    // When
    TopologyDescription description = topology.describe();
    String text = description.toString();

    // Then
    for (String name : List.of(ClassifyTopology.SOURCE, ClassifyTopology.CLASSIFY, ClassifyTopology.MENTION_STORE,
        ClassifyTopology.MERGE, ClassifyTopology.EVENT_STORE, ClassifyTopology.MENTIONS_SINK, ClassifyTopology.EVENTS_SINK,
        ClassifyTopology.REPARTITION + "-repartition")) {
      assertTrue(text.contains(name), name + " missing from\n" + text);
    }
    assertFalse(text.contains("KSTREAM-"), "auto-generated name in\n" + text);
    assertEquals(2, description.subtopologies().size());
  }

  @Test
  void theServiceReadsTheArchiveAndItsOwnRepartitionTopicsOnly() {
    // Given the input topics of one application
    var input = ClassifyService.inputTopics("app");

    // Then
    assertTrue(input.test("raw-articles"));
    assertTrue(input.test("app-" + ClassifyTopology.REPARTITION + "-repartition"));
    assertFalse(input.test("other-" + ClassifyTopology.REPARTITION + "-repartition"));
    assertFalse(input.test("dialogue-mentions"));
    assertFalse(input.test("app-" + ClassifyTopology.MENTION_STORE + "-changelog"));
  }

  @Test
  void propertiesRequireBootstrapServersAndSetExactlyOnceAndTheDlq() {
    // Given / When
    Properties props = ClassifyTopology.streamsProperties(Map.of("bootstrap.servers", "h:1", "security.protocol", "SSL"), "app", stateDir);

    // Then
    assertEquals("exactly_once_v2", props.get("processing.guarantee"));
    assertEquals("wirewatch-dlq", props.get("errors.dead.letter.queue.topic.name"));
    assertEquals("SSL", props.get("security.protocol"));
    assertEquals(true, props.get("processing.exception.handler.global.enabled"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClassifyTopology.streamsProperties(Map.of(), "app", stateDir));
    assertTrue(e.getMessage().contains("bootstrap.servers"));
    assertTrue(Files.isDirectory(stateDir));
  }

}
