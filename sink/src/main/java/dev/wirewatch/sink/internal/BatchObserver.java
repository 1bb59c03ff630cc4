package dev.wirewatch.sink.internal;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Told after each batch is committed to the database, before anything else happens (Kafka offset commit,
 * buffer bookkeeping). Used for metrics; an exception thrown here stops the sink as a crash at that point
 * would, which is how the exactly-once guarantee is tested.
 */
@FunctionalInterface
public interface BatchObserver {

  BatchObserver NONE = (records, offsets) -> { };

  /**
   * @param records records consumed into the batch (including replaced ones and dead letters)
   * @param offsets the next offsets stored with it, per partition
   */
  void afterCommit(int records, Map<TopicPartition, Long> offsets);

  /** A write failed for a reason outside the record and will be retried after a backoff. */
  default void retryScheduled() {
  }
}
