package dev.wirewatch.sink.internal;

import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * One consumed record to apply: an upsert of {@code row}, or a delete when {@code row} is null
 * (tombstone). The original key and value bytes are kept for the dead-letter topic.
 */
public record Change(String eventId, EventRow row, TopicPartition partition, long offset, byte[] key, byte[] value) {

  public Change {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(partition, "partition");
  }

  public boolean isDelete() {
    return row == null;
  }

  /** The record as a dead letter, with the reason it cannot be stored. */
  public DeadLetter toDeadLetter(Exception reason) {
    return new DeadLetter(partition, offset, key, value, reason);
  }
}
