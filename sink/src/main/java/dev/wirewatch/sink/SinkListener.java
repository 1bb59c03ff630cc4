package dev.wirewatch.sink;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Told what the sink does, for metrics. Called on the sink's thread: keep it quick, never throw. */
public interface SinkListener {

  /**
   * A batch was committed to the database.
   *
   * @param records records consumed into it
   * @param nextOffsets per partition of {@code dialogue-events}, the offset stored with it (the next to read)
   */
  void batchStored(int records, Map<TopicPartition, Long> nextOffsets);

  /** A write failed for a reason outside the record (database or DLQ unreachable) and will be retried. */
  void retryScheduled();
}
