package dev.wirewatch.classify.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.TopicProvisioner;
import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.classify.Articles;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.DlqHeaders;
import dev.wirewatch.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The classify stage ({@link ClassifyService}) against a real single-node broker: its pre-start work, outputs, and a
 * poison record in the DLQ.
 */
class ClassifyTopologyIT {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  @TempDir
  static Path dir;

  private static EmbeddedKafka kafka;
  private static ClassifyService service;
  /** The application id the pre-start work was given, and the state the service was in then. */
  private static final List<String> preStart = new ArrayList<>();

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.start(dir.resolve("kafka"));
    TopicProvisioner.ensureTopics(kafka.clientProperties(), 1, (short) 1);
    service = new ClassifyService(kafka.clientProperties(), "classify-it", dir.resolve("state"),
        ArchiveClassifier.of(DialogueClassifier.standard()), (props, applicationId) -> {
          preStart.add(applicationId);
          preStart.add(service.state());
        });
    // start() returns once the application is RUNNING.
    service.start();
  }

  @AfterAll
  static void stop() {
    if (service != null) {
      service.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void articlesBecomeMentionsAndEventsAndAPoisonRecordLandsInTheDlq() {
    // Given a poison record followed by a real dialogue report
    byte[] poisonKey = "poison".getBytes(StandardCharsets.UTF_8);
    byte[] poisonValue = "not avro".getBytes(StandardCharsets.UTF_8);
    RawArticle good = ClassifyTopologyTest.rawArticle(Articles.euDialogue2024());

    // When
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props(), new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(Topics.RAW_ARTICLES.name(), poisonKey, poisonValue));
      producer.send(new ProducerRecord<>(Topics.RAW_ARTICLES.name(), good.getArticleId().getBytes(StandardCharsets.UTF_8),
          Topics.RAW_ARTICLES.valueSerde().serializer().serialize(Topics.RAW_ARTICLES.name(), good)));
      producer.flush();
    }

    // Then
    ConsumerRecord<byte[], byte[]> dead = awaitRecord(Topics.DLQ.name(), r -> true);
    assertArrayEquals(poisonKey, dead.key());
    assertArrayEquals(poisonValue, dead.value());
    assertEquals(Topics.RAW_ARTICLES.name(), header(dead, DlqHeaders.TOPIC));
    assertNotNull(header(dead, DlqHeaders.PARTITION));
    assertNotNull(header(dead, DlqHeaders.OFFSET));
    assertTrue(header(dead, DlqHeaders.EXCEPTION).contains("SerializationException"), header(dead, DlqHeaders.EXCEPTION));
    assertEquals("classify", header(dead, DlqHeaders.STAGE));

    ConsumerRecord<byte[], byte[]> mention = awaitRecord(Topics.DIALOGUE_MENTIONS.name(), r -> r.value() != null);
    assertEquals(good.getArticleId(), new String(mention.key(), StandardCharsets.UTF_8));
    ConsumerRecord<byte[], byte[]> event = awaitRecord(Topics.DIALOGUE_EVENTS.name(), r -> r.value() != null);
    assertEquals("cn-eu/human-rights-dialogue/2024-06", new String(event.key(), StandardCharsets.UTF_8));
    assertEquals(1, Topics.DIALOGUE_EVENTS.valueSerde().deserializer().deserialize("t", event.value()).getMentions().size());
    assertEquals(KafkaStreams.State.RUNNING.name(), service.state());
  }

  @Test
  void preStartWorkRanOnceBeforeTheApplicationExisted() {
    // Given the service started in start()

    // Then its pre-start work saw the application id and no application yet
    assertEquals(List.of("classify-it", "not running here"), preStart);
    assertEquals(KafkaStreams.State.RUNNING.name(), service.state());
  }

  private static Map<String, Object> props() {
    return new HashMap<>(kafka.clientProperties());
  }

  private static ConsumerRecord<byte[], byte[]> awaitRecord(String topic, Predicate<ConsumerRecord<byte[], byte[]>> wanted) {
    Map<String, Object> props = props();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      Instant until = Instant.now().plus(DEADLINE);
      List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
      while (Instant.now().isBefore(until)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          seen.add(r);
          if (wanted.test(r)) {
            return r;
          }
        }
      }
      throw new AssertionError("no matching record on " + topic + " within " + DEADLINE + " (saw " + seen.size() + ")");
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
