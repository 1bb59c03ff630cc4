package dev.wirewatch.broker;

import dev.wirewatch.schema.topic.TopicSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a compacted topic from the beginning to its current end (committed records only) and keeps the
 * latest value per key, tombstones removing the key: the "table" view of a topic that replay, health
 * output and tests compare against. It joins no consumer group and commits nothing.
 */
public final class TopicSnapshot {

  private TopicSnapshot() {
  }

  /** Key → latest value, in first-seen order. */
  public static <K, V> Map<K, V> latestPerKey(TopicSpec<K, V> topic, Map<String, Object> clientProps, Duration timeout) {
    Map<K, V> latest = new LinkedHashMap<>();
    scan(topic, clientProps, timeout, (key, value) -> {
      if (value == null) {
        latest.remove(key);
      } else {
        latest.put(key, value);
      }
    });
    return latest;
  }

  /**
   * Hands every record (tombstones as null values) to {@code visitor}, in offset order per partition, up to
   * the end offsets taken when the scan starts.
   *
   * @throws IllegalStateException when the end is not reached within {@code timeout}
   */
  public static <K, V> void scan(TopicSpec<K, V> topic, Map<String, Object> clientProps, Duration timeout,
      BiConsumer<K, V> visitor) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
    try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props,
        topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
          .map(p -> new TopicPartition(p.topic(), p.partition()))
          .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      Instant deadline = Instant.now().plus(timeout);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("could not read " + topic.name() + " to its end within " + timeout.toSeconds() + " s");
        }
        for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
            visitor.accept(record.key(), record.value());
          }
        }
      }
    }
  }
}
