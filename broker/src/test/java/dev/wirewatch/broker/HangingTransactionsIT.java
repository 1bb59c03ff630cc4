package dev.wirewatch.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HangingTransactionsIT {

  private static final String APP = "wirewatch-classify";

  @TempDir
  Path dataDir;

  @Test
  void aTransactionItsCoordinatorForgotIsAbortedWhileLiveTransactionsAreLeftAlone() throws Exception {
    // Given a stage's transaction left open on its output and on its group's offsets, then forgotten by the coordinator
    TopicPartition output = new TopicPartition(Topics.DIALOGUE_MENTIONS.name(), 0);
    TopicPartition input = new TopicPartition(Topics.RAW_ARTICLES.name(), 0);
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      TopicProvisioner.ensureTopics(kafka.clientProperties(), 1, (short) -1);
    }
    HangingTransactionFixture.leaveHanging(dataDir, List.of(
        new HangingTransactionFixture.Open(APP + "-" + UUID.randomUUID() + "-1", List.of(output), APP, input),
        // an offsets-only transaction (a commit whose records produced no output) hangs on the group's partition alone
        new HangingTransactionFixture.Open(APP + "-" + UUID.randomUUID() + "-2", List.of(), APP, input)));

    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      Map<String, Object> props = kafka.clientProperties();
      assertEquals(0, lastStableOffset(props, output), "read_committed readers stop before the open batch");
      assertTrue(HangingTransactions.offsetsPending(props, APP, List.of(input)), "the group's offsets are held pending");
      // And two live transactions: another application's on the same partition, and one of the stage's own
      try (KafkaProducer<byte[], byte[]> foreign = openTransaction(props, "another-app-1", output);
          KafkaProducer<byte[], byte[]> live = openTransaction(props, APP + "-live-1",
              new TopicPartition(Topics.DIALOGUE_EVENTS.name(), 0))) {

        // When the stage looks for its hanging transactions
        HangingTransactions.Scope scope = HangingTransactions.Scope.streamsApplication(APP,
            List.of(Topics.RAW_ARTICLES.name()), List.of(Topics.DIALOGUE_MENTIONS.name(), Topics.DIALOGUE_EVENTS.name()), List.of(Topics.DLQ.name()));
        List<HangingTransactions.Aborted> aborted = HangingTransactions.abortOwn(props, scope);

        // Then the forgotten transaction is aborted on both partitions it touched, and only there
        TopicPartition offsets = new TopicPartition("__consumer_offsets", Utils.abs(APP.hashCode()) % 5);
        assertEquals(List.of(offsets, offsets, output), aborted.stream().map(HangingTransactions.Aborted::partition)
            .sorted(java.util.Comparator.comparing(TopicPartition::toString)).toList(), aborted::toString);
        assertEquals(2, aborted.stream().map(HangingTransactions.Aborted::producerId).distinct().count(), aborted::toString);
        assertFalse(HangingTransactions.offsetsPending(props, APP, List.of(input)), "the group's offsets are stable again");
        // And the live transactions still commit
        foreign.commitTransaction();
        live.commitTransaction();
        // the hanging batch, the foreign one, the abort marker written here and the foreign commit marker (which the
        // coordinator writes after commitTransaction returns)
        assertTrue(awaitLastStableOffset(props, output, 4), "read_committed readers pass the aborted batch");
        assertEquals(List.of(), HangingTransactions.abortOwn(props, scope), "a second look finds nothing");
      }
    }
  }

  private static KafkaProducer<byte[], byte[]> openTransaction(Map<String, Object> clientProps, String transactionalId,
      TopicPartition partition) throws Exception {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    producer.initTransactions();
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), "k".getBytes(), "live".getBytes()))
        .get(30, TimeUnit.SECONDS);
    return producer;
  }

  private static boolean awaitLastStableOffset(Map<String, Object> props, TopicPartition partition, long expected)
      throws Exception {
    java.time.Instant deadline = Instant.now().plusSeconds(30);
    while (lastStableOffset(props, partition) != expected) {
      if (Instant.now().isAfter(deadline)) {
        return false;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return true;
  }

  private static long lastStableOffset(Map<String, Object> props, TopicPartition partition) throws Exception {
    try (Admin admin = Admin.create(props)) {
      return admin.listOffsets(Map.of(partition, OffsetSpec.latest()), new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .partitionResult(partition).get(30, TimeUnit.SECONDS).offset();
    }
  }
}
