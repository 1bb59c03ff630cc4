package dev.wirewatch.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** When a transaction its coordinator knows counts as hanging: the cases the broker cannot easily be driven into. */
class HangingTransactionsTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Duration MAX = Duration.ofMinutes(15);
  private static final TopicPartition PARTITION = new TopicPartition("dialogue-mentions", 1);
  private static final String ID = "wirewatch-classify-7d6c-1";

  @Test
  void aLiveTransactionThatIncludesThePartitionIsNotHanging() {
    assertEquals(Optional.empty(), why(coordinator(TransactionState.ONGOING, 42, NOW.minusSeconds(5), PARTITION)));
  }

  @Test
  void aTransactionBeingCompletedIsNotHanging() {
    assertEquals(Optional.empty(), why(coordinator(TransactionState.PREPARE_COMMIT, 42, NOW.minus(Duration.ofHours(2)), PARTITION)));
    assertEquals(Optional.empty(), why(coordinator(TransactionState.PREPARE_ABORT, 7, NOW.minus(Duration.ofHours(2)))));
  }

  @Test
  void anUnansweredCoordinatorLeavesTheTransactionForTheNextStart() {
    assertEquals(Optional.empty(), why(null));
  }

  @Test
  void aTransactionalIdThatNowBelongsToAnotherProducerIdLeavesTheOldOneHanging() {
    assertTrue(why(coordinator(TransactionState.ONGOING, 43, NOW, PARTITION)).orElseThrow().contains("now belongs to producer id 43"));
  }

  @Test
  void aTransactionalIdWithNoOpenTransactionLeavesTheBatchesHanging() {
    assertTrue(why(coordinator(TransactionState.COMPLETE_COMMIT, 42, NOW)).orElseThrow().contains("no open transaction (CompleteCommit)"));
    assertTrue(why(coordinator(TransactionState.EMPTY, 42, NOW)).orElseThrow().contains("no open transaction"));
  }

  @Test
  void anOpenTransactionThatDoesNotIncludeThePartitionIsHangingThere() {
    assertTrue(why(coordinator(TransactionState.ONGOING, 42, NOW, new TopicPartition("dialogue-mentions", 0)))
        .orElseThrow().contains("does not include dialogue-mentions-1"));
  }

  @Test
  void aTransactionOpenLongerThanTheBrokersMaximumIsHanging() {
    assertEquals(Optional.empty(), why(coordinator(TransactionState.ONGOING, 42, NOW.minus(MAX), PARTITION)));
    assertTrue(why(coordinator(TransactionState.ONGOING, 42, NOW.minus(MAX).minusSeconds(1), PARTITION))
        .orElseThrow().contains("transaction.max.timeout.ms"));
  }

  private static Optional<String> why(TransactionDescription coordinator) {
    ProducerState producer = new ProducerState(42, 3, 17, NOW.minusSeconds(1).toEpochMilli(), OptionalInt.of(0), OptionalLong.of(100));
    return HangingTransactions.whyHanging(PARTITION, producer, ID, coordinator, MAX, NOW);
  }

  private static TransactionDescription coordinator(TransactionState state, long producerId, Instant started,
      TopicPartition... partitions) {
    return new TransactionDescription(1, state, producerId, 3, 10_000, OptionalLong.of(started.toEpochMilli()), Set.of(partitions));
  }
}
