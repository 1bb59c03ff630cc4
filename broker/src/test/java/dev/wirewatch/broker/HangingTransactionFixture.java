package dev.wirewatch.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Makes a real hanging transaction on an embedded broker, the state an interrupted process once left
 * behind: batches of a transaction on a topic partition and pending offsets of a consumer group on
 * {@code __consumer_offsets}, with no marker, and a transaction coordinator that has no record of them.
 *
 * <p>The transaction is left open (the producer is closed without aborting), the broker is stopped, and the
 * transaction coordinator's log ({@code __transaction_state}) is removed before the broker starts again on
 * the same directory: the partitions keep the open transaction, the coordinator knows nothing of it, and
 * nothing in the broker will ever finish it.
 */
public final class HangingTransactionFixture {

  private HangingTransactionFixture() {
  }

  /**
   * A transaction to leave open: records on {@code outputs} (none for an offsets-only transaction) and, when
   * {@code group} is not null, the group's offset of {@code consumed}.
   */
  public record Open(String transactionalId, List<TopicPartition> outputs, String group, TopicPartition consumed) {
  }

  /**
   * Leaves each transaction open on the broker whose data is under {@code dataDir}, after committing offset 0
   * of every consumed partition for its group (as an earlier run would have), and makes the coordinator forget
   * them. The broker must not be running when this is called; it is started and stopped here.
   */
  public static void leaveHanging(Path dataDir, List<Open> transactions) throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      try (Admin admin = Admin.create(kafka.clientProperties())) {
        for (Open txn : transactions) {
          if (txn.group() != null) {
            admin.alterConsumerGroupOffsets(txn.group(), Map.of(txn.consumed(), new OffsetAndMetadata(0)))
                .all().get(30, TimeUnit.SECONDS);
          }
        }
      }
      for (Open txn : transactions) {
        Map<String, Object> props = new HashMap<>(kafka.clientProperties());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, txn.transactionalId());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        producer.initTransactions();
        producer.beginTransaction();
        for (TopicPartition output : txn.outputs()) {
          producer.send(new ProducerRecord<>(output.topic(), output.partition(), "k".getBytes(), "never committed".getBytes()))
              .get(30, TimeUnit.SECONDS);
        }
        if (txn.group() != null) {
          producer.sendOffsetsToTransaction(Map.of(txn.consumed(), new OffsetAndMetadata(1)), new ConsumerGroupMetadata(txn.group()));
        }
        producer.flush();
        // A forced close neither commits nor aborts: the transaction stays open, as after a kill.
        producer.close(Duration.ZERO);
      }
    }
    forgetTransactions(dataDir);
  }

  private static void forgetTransactions(Path dataDir) throws IOException {
    Path logs = dataDir.toAbsolutePath().resolve("kafka").resolve("logs");
    List<Path> coordinatorLogs;
    try (Stream<Path> dirs = Files.list(logs)) {
      coordinatorLogs = dirs.filter(d -> d.getFileName().toString().startsWith("__transaction_state-")).toList();
    }
    if (coordinatorLogs.isEmpty()) {
      throw new IllegalStateException("no __transaction_state partitions under " + logs);
    }
    for (Path dir : coordinatorLogs) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> {
          try {
            Files.delete(f);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }
}
