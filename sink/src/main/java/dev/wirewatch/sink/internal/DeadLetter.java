package dev.wirewatch.sink.internal;

import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/** A consumed record that can never be stored, bound for the dead-letter topic with its reason. */
public record DeadLetter(TopicPartition partition, long offset, byte[] key, byte[] value, Exception reason) {

  public DeadLetter {
    Objects.requireNonNull(partition, "partition");
    Objects.requireNonNull(reason, "reason");
  }
}
