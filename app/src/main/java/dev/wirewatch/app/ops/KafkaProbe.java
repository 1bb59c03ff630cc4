package dev.wirewatch.app.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/** One admin client of the operations side: is the broker reachable, and how far behind is a consumer. */
final class KafkaProbe implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final Admin admin;

  KafkaProbe(Map<String, Object> clientProps) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "wirewatch-ops");
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    this.admin = Admin.create(props);
  }

  AdminClient admin() {
    return (AdminClient) admin;
  }

  Check broker() {
    try {
      int nodes = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
      return nodes > 0 ? Check.up("broker", "reachable, " + nodes + " node(s)") : Check.down("broker", "no broker node answers");
    } catch (ExecutionException | TimeoutException e) {
      return Check.down("broker", "unreachable: " + (e.getCause() == null ? e : e.getCause()).getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Check.down("broker", "interrupted");
    }
  }

  /** Read-committed end offsets of every partition of {@code topic}. */
  Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .get(topic).partitions().forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  /** The offsets {@code groupId} has committed to Kafka. */
  Map<TopicPartition, Long> committed(String groupId) throws Exception {
    Map<TopicPartition, Long> offsets = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
        .partitionsToOffsetAndMetadata().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    committed.forEach((tp, o) -> {
      if (o != null) {
        offsets.put(tp, o.offset());
      }
    });
    return offsets;
  }

  /** Records of {@code ends} not yet reached by {@code positions} (a partition without a position counts whole). */
  static long lag(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> positions) {
    long lag = 0;
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      lag += Math.max(0, end.getValue() - positions.getOrDefault(end.getKey(), 0L));
    }
    return lag;
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }
}
