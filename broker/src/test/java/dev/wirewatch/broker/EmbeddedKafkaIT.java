package dev.wirewatch.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.schema.topic.TopicSpec;
import dev.wirewatch.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

  @TempDir
  Path dataDir;

  @Test
  void topicsAreCreatedWithTheirPoliciesAndRecordsSurviveARestart() throws Exception {
    // Given a broker on a fresh data directory with the pipeline's topics
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      TopicProvisioner.ensureTopics(kafka.clientProperties(), 1, (short) -1);
      TopicProvisioner.ensureTopics(kafka.clientProperties(), 1, (short) -1); // idempotent

      // Then each topic carries the cleanup policy of the design
      try (Admin admin = Admin.create(kafka.clientProperties())) {
        for (TopicSpec<?, ?> topic : Topics.ALL) {
          ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
          Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
          assertEquals(topic.configs().get("cleanup.policy"), config.get("cleanup.policy").value(), topic.name());
          assertEquals("zstd", config.get("compression.type").value(), topic.name());
        }
      }
      // When a record is written
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(kafka))) {
        producer.send(new ProducerRecord<>("feed-status", "k", "v")).get(30, TimeUnit.SECONDS);
      }
    }
    // Then a second start on the same directory still has it
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      List<ConsumerRecord<String, String>> records = readAll(kafka, "feed-status", 1);
      assertEquals(1, records.size());
      assertEquals("v", records.get(0).value());
    }
  }

  private static Map<String, Object> producerProps(EmbeddedKafka kafka) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put("key.serializer", StringSerializer.class);
    props.put("value.serializer", StringSerializer.class);
    return props;
  }

  private static List<ConsumerRecord<String, String>> readAll(EmbeddedKafka kafka, String topic, int expected) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      consumer.seekToBeginning(consumer.assignment());
      Instant deadline = Instant.now().plusSeconds(30);
      while (records.size() < expected && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
      }
    }
    assertTrue(records.size() >= expected, "records read from " + topic);
    return records;
  }
}
