package dev.wirewatch.sink.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * The records consumed since the last committed batch. A later record for the same eventId replaces the
 * earlier one (the topic is a changelog: only the latest value per key matters), so a batch writes each
 * event once. Records that cannot be stored wait here as dead letters until the batch commits.
 * Not thread-safe: the consumer thread owns it.
 */
public final class RecordBuffer {

  private final Map<String, Change> latest = new LinkedHashMap<>();
  private final List<DeadLetter> deadLetters = new ArrayList<>();
  private int consumed;
  private Instant firstAt;

  /** Adds a record; a buffered record with the same eventId is replaced. */
  public void add(Change change, Instant now) {
    Objects.requireNonNull(change, "change");
    // Re-inserting moves the key to the end, keeping the map in offset order of the latest records.
    latest.remove(change.eventId());
    latest.put(change.eventId(), change);
    counted(now);
  }

  /** Adds a record that can never be stored. */
  public void addDeadLetter(DeadLetter deadLetter, Instant now) {
    deadLetters.add(Objects.requireNonNull(deadLetter, "deadLetter"));
    counted(now);
  }

  /**
   * Moves a buffered change to the dead letters after the database rejected it.
   *
   * @return false when the change was not (or no longer) buffered
   */
  public boolean reject(Change change, Exception reason) {
    if (latest.remove(change.eventId(), change)) {
      deadLetters.add(change.toDeadLetter(reason));
      return true;
    }
    return false;
  }

  /** Drops everything read from these partitions (they were revoked, or must be read again). */
  public void discard(Collection<TopicPartition> partitions) {
    latest.values().removeIf(change -> partitions.contains(change.partition()));
    deadLetters.removeIf(letter -> partitions.contains(letter.partition()));
    if (latest.isEmpty() && deadLetters.isEmpty()) {
      clear();
    }
  }

  /** The changes to write, one per eventId, in the order their latest records were read. */
  public List<Change> changes() {
    return List.copyOf(latest.values());
  }

  public List<DeadLetter> deadLetters() {
    return List.copyOf(deadLetters);
  }

  /** Records consumed into this buffer, counting replaced ones. */
  public int consumed() {
    return consumed;
  }

  public boolean isEmpty() {
    return consumed == 0;
  }

  /** When the oldest record of this buffer was consumed, or null when empty. */
  public Instant firstAt() {
    return firstAt;
  }

  /** Forgets the dead letters once they are sent; the records still count as consumed. */
  public void clearDeadLetters() {
    deadLetters.clear();
  }

  public void clear() {
    latest.clear();
    deadLetters.clear();
    consumed = 0;
    firstAt = null;
  }

  private void counted(Instant now) {
    if (consumed == 0) {
      firstAt = now;
    }
    consumed++;
  }
}
