package dev.wirewatch.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.schema.topic.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a topic of the test broker from its beginning to its current end. */
final class TopicRecords {

  private TopicRecords() {
  }

  static <K, V> List<ConsumerRecord<K, V>> read(EmbeddedKafka kafka, TopicSpec<K, V> topic) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
        topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<ConsumerRecord<K, V>> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        assertTrue(System.nanoTime() < deadline, "topic " + topic.name() + " not read to its end in time");
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      return out;
    }
  }
}
