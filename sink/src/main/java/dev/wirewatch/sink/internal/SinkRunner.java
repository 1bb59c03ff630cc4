package dev.wirewatch.sink.internal;

import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.topic.Topics;
import dev.wirewatch.sink.SinkHealth;
import dev.wirewatch.sink.SinkHealth.State;
import dev.wirewatch.sink.SinkSettings;
import dev.wirewatch.sink.internal.DeadLetterPublisher.DeadLetterException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer loop of the sink. Reads {@code dialogue-events} (key eventId as String, value
 * {@link DialogueEvent}, null value = tombstone) with read_committed isolation, buffers records, and
 * hands each batch to the {@link BatchWriter}, which stores rows and next offsets in one transaction.
 *
 * <p>Where to read from comes from the database, not from Kafka: on assignment each partition is sought
 * to its stored offset (or the beginning). While the database cannot be written, every partition is
 * paused and the batch retried with backoff; {@code poll} keeps running so the group membership stays
 * alive, and the position never passes data that is not stored. Records that can never be stored go to
 * {@code wirewatch-dlq} and the batch goes on without them.
 *
 * <p>Runs on one thread; only {@link #stop()} and {@link #health()} may be called from others.
 */
public final class SinkRunner implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);
  private static final Duration MAX_POLL = Duration.ofMillis(200);
  private static final Duration MIN_POLL = Duration.ofMillis(10);

  private final SinkSettings settings;
  private final Map<String, Object> consumerProps;
  private final Database database;
  private final BatchObserver observer;
  private final Backoff backoff;
  private final String topic = Topics.DIALOGUE_EVENTS.name();
  private final Deserializer<DialogueEvent> valueDeserializer = Topics.DIALOGUE_EVENTS.valueSerde().deserializer();

  // Shared with other threads.
  private volatile boolean running = true;
  private volatile State state = State.STARTING;
  private volatile String lastError;
  private volatile Instant lastCommitAt;
  private final AtomicLong recordsConsumed = new AtomicLong();
  private final AtomicLong rowsWritten = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final Object commits = new Object();
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  // Owned by the consumer thread.
  private final RecordBuffer buffer = new RecordBuffer();
  /** Stored next offset per owned partition; absent key = no row stored yet. */
  private final Map<TopicPartition, Long> stored = new HashMap<>();
  /** Owned partitions whose stored offset is not read yet; they stay paused until it is. */
  private final Set<TopicPartition> pendingSeek = new HashSet<>();
  private BatchWriter writer;
  private DeadLetterPublisher deadLetterPublisher;
  private volatile int failures;
  private volatile Instant nextAttemptAt = Instant.MIN;
  /** First failed attempt of the current outage; null when there is none. */
  private volatile Instant waitingSince;
  private boolean pausedForRetry;
  private Instant lastOffsetCheck = Instant.MIN;

  public SinkRunner(SinkSettings settings, Map<String, Object> kafkaClientProps, BatchObserver observer) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.database = Database.of(settings);
    this.backoff = new Backoff(settings.retryBackoff(), settings.retryBackoffMax());
    Map<String, Object> props = new HashMap<>(kafkaClientProps);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    // Offsets live in the database, committed with the rows; Kafka's copy is informational only.
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Never store what an aborted (or still open) producer transaction wrote.
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.batchSize());
    props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "wirewatch-sink");
    this.consumerProps = props;
    this.deadLetterPublisher = new DeadLetterPublisher(kafkaClientProps);
  }

  public Database database() {
    return database;
  }

  public SinkHealth health() {
    Instant since = waitingSince;
    return new SinkHealth(state, lastError, recordsConsumed.get(), rowsWritten.get(), deadLetters.get(), lastCommitAt,
        failures, since, since == null ? null : nextAttemptAt);
  }

  /** Waits at most {@code timeout} for the next batch commit (or returns at once when stopped). */
  public void awaitCommit(Duration timeout) throws InterruptedException {
    synchronized (commits) {
      if (running) {
        commits.wait(Math.max(1, timeout.toMillis()));
      }
    }
  }

  /** Asks the loop to finish: it writes what it holds if it can, then leaves the group. */
  public void stop() {
    running = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    synchronized (commits) {
      commits.notifyAll();
    }
  }

  @Override
  public void run() {
    try {
      if (!migrate()) {
        return;
      }
      writer = new BatchWriter(database, settings.consumerGroup(), topic);
      consumer = new KafkaConsumer<>(consumerProps);
      if (!running) {
        return; // stop() came before the consumer existed, so no wakeup reached it
      }
      consumer.subscribe(List.of(topic), new Rebalance());
      state = State.RUNNING;
      log.info("Sink consuming {} as group {} into {}", topic, settings.consumerGroup(), database.describe());
      loop();
    } catch (GiveUpException e) {
      fail(e.getMessage(), e.getCause());
    } catch (RuntimeException | Error e) {
      fail("sink stopped on an unexpected error: " + e, e);
      if (e instanceof Error error) {
        throw error;
      }
    } finally {
      closeResources();
      if (state != State.FAILED) {
        state = State.STOPPED;
      }
      synchronized (commits) {
        commits.notifyAll();
      }
    }
  }

  private void fail(String message, Throwable cause) {
    state = State.FAILED;
    lastError = message;
    log.error("Sink for {} failed, a restart is needed: {}", topic, message, cause);
  }

  /** Creates or migrates the schema, retrying like a batch while the database is unreachable. */
  private boolean migrate() throws GiveUpException {
    while (running) {
      try {
        database.migrate();
        recovered();
        return true;
      } catch (FlywayValidateException e) {
        // The stored schema history disagrees with the migrations shipped: no retry fixes that.
        throw new GiveUpException("database schema does not match this version's migrations: " + oneLine(e), e);
      } catch (FlywayException e) {
        failed(e, State.DATABASE_UNAVAILABLE, "cannot migrate database");
        waitForRetry();
      }
    }
    return false;
  }

  private void waitForRetry() {
    synchronized (commits) {
      long millis = Duration.between(Instant.now(), nextAttemptAt).toMillis();
      if (running && millis > 0) {
        try {
          commits.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          running = false;
        }
      }
    }
  }

  private void loop() {
    try {
      while (running) {
        if (!pendingSeek.isEmpty() && due()) {
          resolveSeeks();
        }
        ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
        Instant now = Instant.now();
        for (ConsumerRecord<byte[], byte[]> record : records) {
          accept(record, now);
        }
        if (shouldFlush(now)) {
          flush(now);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    }
    // Stopping: store what was read if the database takes it; otherwise the next start reads it again.
    if (!pausedForRetry && !buffer.isEmpty()) {
      try {
        flush(Instant.now());
      } catch (WakeupException e) {
        // The stop request's wakeup had not been consumed by a poll; it fires once, before any write.
        flush(Instant.now());
      }
    }
  }

  private Duration pollTimeout() {
    Instant now = Instant.now();
    Instant wake = pausedForRetry ? nextAttemptAt
        : buffer.isEmpty() ? now.plus(MAX_POLL) : buffer.firstAt().plus(settings.batchLinger());
    Duration wait = Duration.between(now, wake);
    return wait.compareTo(MIN_POLL) < 0 ? MIN_POLL : wait.compareTo(MAX_POLL) > 0 ? MAX_POLL : wait;
  }

  private boolean due() {
    return !pausedForRetry || !Instant.now().isBefore(nextAttemptAt);
  }

  private boolean shouldFlush(Instant now) {
    if (pausedForRetry) {
      return due() && pendingSeek.isEmpty();
    }
    if (!buffer.isEmpty()) {
      return buffer.consumed() >= settings.batchSize() || !now.isBefore(buffer.firstAt().plus(settings.batchLinger()));
    }
    // Positions also move without records (transaction markers, records of an aborted transaction);
    // store them now and then so that a drain sees the partition as done.
    if (!now.isBefore(lastOffsetCheck.plus(settings.batchLinger()))) {
      lastOffsetCheck = now;
      return !offsetMoves().isEmpty();
    }
    return false;
  }

  private void accept(ConsumerRecord<byte[], byte[]> record, Instant now) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    try {
      if (record.value() == null) {
        if (key == null) {
          throw new IllegalArgumentException("tombstone without a key");
        }
        buffer.add(new Change(key, null, partition, record.offset(), record.key(), null), now);
        return;
      }
      DialogueEvent event = valueDeserializer.deserialize(record.topic(), record.headers(), record.value());
      EventRow row = EventRow.from(key, event);
      buffer.add(new Change(row.eventId(), row, partition, record.offset(), record.key(), record.value()), now);
    } catch (RuntimeException e) {
      // Decoding and conversion depend on the record's bytes alone: a failure here fails again on every
      // retry, so the record is a dead letter (whatever the exception type).
      buffer.addDeadLetter(new DeadLetter(partition, record.offset(), record.key(), record.value(), e), now);
    }
  }

  private void flush(Instant now) {
    while (true) {
      List<OffsetMove> moves = offsetMoves();
      List<Change> changes = buffer.changes();
      List<DeadLetter> letters = buffer.deadLetters();
      try {
        deadLetterPublisher.publish(letters);
        deadLetters.addAndGet(letters.size());
        buffer.clearDeadLetters();
        writer.write(changes, moves, now);
      } catch (RecordRejectedException e) {
        // Retry at once without that record: the rest of the batch is fine.
        if (!buffer.reject(e.change(), e)) {
          throw new IllegalStateException("rejected change is not in the batch: " + e.getMessage(), e);
        }
        continue;
      } catch (FencedException e) {
        log.warn("Dropping an unwritten batch of {} records and re-reading positions: {}", buffer.consumed(),
            e.getMessage());
        buffer.clear();
        Set<TopicPartition> owned = consumer.assignment();
        consumer.pause(owned);
        pendingSeek.addAll(owned);
        resolveSeeks();
        return;
      } catch (SQLException e) {
        failed(e, State.DATABASE_UNAVAILABLE, "cannot write to database");
        return;
      } catch (DeadLetterException e) {
        failed(e, State.RETRYING, "cannot send dead letters");
        return;
      }
      Map<TopicPartition, Long> committed = new HashMap<>();
      moves.forEach(move -> committed.put(new TopicPartition(topic, move.partition()), move.next()));
      // A crash from here on must neither lose nor repeat the batch: the database has rows and offsets.
      observer.afterCommit(buffer.consumed(), committed);
      committed(changes.size(), committed, now);
      return;
    }
  }

  private void committed(int changes, Map<TopicPartition, Long> offsets, Instant now) {
    stored.putAll(offsets);
    recordsConsumed.addAndGet(buffer.consumed());
    rowsWritten.addAndGet(changes);
    lastCommitAt = now;
    lastOffsetCheck = now;
    if (changes > 0 || !offsets.isEmpty()) {
      log.debug("Stored {} events of {} with next offsets {}", changes, topic, offsets);
    }
    buffer.clear();
    recovered();
    if (!offsets.isEmpty()) {
      // Only so that consumer-group tooling shows the lag; the database copy is the one that counts.
      Map<TopicPartition, OffsetAndMetadata> kafkaOffsets = new HashMap<>();
      offsets.forEach((partition, next) -> kafkaOffsets.put(partition, new OffsetAndMetadata(next)));
      consumer.commitAsync(kafkaOffsets, (done, error) -> {
        if (error != null) {
          log.debug("Informational offset commit of {} failed: {}", done, error.toString());
        }
      });
    }
    synchronized (commits) {
      commits.notifyAll();
    }
  }

  /** Positions that differ from what is stored, for owned partitions whose stored offset is known. */
  private List<OffsetMove> offsetMoves() {
    List<OffsetMove> moves = new ArrayList<>();
    for (TopicPartition partition : consumer.assignment()) {
      if (pendingSeek.contains(partition)) {
        continue;
      }
      long position = consumer.position(partition);
      Long last = stored.get(partition);
      if (last == null ? position > 0 : position != last) {
        moves.add(new OffsetMove(partition.partition(), last, position));
      }
    }
    return moves;
  }

  /** Seeks each pending partition to its stored offset, or the beginning when none is stored. */
  private void resolveSeeks() {
    Map<Integer, Long> offsets;
    try {
      offsets = writer.readOffsets();
    } catch (SQLException e) {
      failed(e, State.DATABASE_UNAVAILABLE, "cannot read stored offsets");
      return;
    }
    for (TopicPartition partition : pendingSeek) {
      Long next = offsets.get(partition.partition());
      if (next == null) {
        consumer.seekToBeginning(List.of(partition));
        stored.remove(partition);
      } else {
        consumer.seek(partition, next);
        stored.put(partition, next);
      }
      log.info("Partition {} starts at {}", partition, next == null ? "the beginning (nothing stored)" : next);
    }
    Set<TopicPartition> ready = Set.copyOf(pendingSeek);
    pendingSeek.clear();
    if (buffer.isEmpty()) {
      recovered();
    }
    if (!pausedForRetry) {
      consumer.resume(ready);
    }
  }

  /**
   * A write or read failed for a reason outside the record: pause, and schedule a retry with backoff. The
   * sink never gives up while it runs: once the backoff reaches its cap it tries once per cap interval, so
   * this logs at most one line per attempt and, in a long outage, one per cap interval.
   */
  private void failed(Exception e, State failedState, String what) {
    failures = failures + 1; // only the consumer thread writes it
    String reason = oneLine(e);
    lastError = what + ": " + reason;
    Instant now = Instant.now();
    if (waitingSince == null) {
      waitingSince = now;
    }
    Duration delay = backoff.delay(failures);
    nextAttemptAt = now.plus(delay);
    state = failedState;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null && !pausedForRetry) {
      c.pause(c.assignment());
    }
    pausedForRetry = true;
    observer.retryScheduled();
    log.warn("Sink paused, {} {} (attempt {}, waiting for {} s so far), retrying in {} ms: {}", what,
        database.describe(), failures, Duration.between(waitingSince, now).toSeconds(), delay.toMillis(), reason);
  }

  private void recovered() {
    if (failures > 0) {
      log.info("Sink resumed: database {} reachable again after {} failed attempts", database.describe(), failures);
    }
    failures = 0;
    waitingSince = null;
    state = consumer == null ? State.STARTING : State.RUNNING;
    if (pausedForRetry) {
      pausedForRetry = false;
      Set<TopicPartition> resume = new HashSet<>(consumer == null ? Set.of() : consumer.assignment());
      resume.removeAll(pendingSeek);
      if (consumer != null) {
        consumer.resume(resume);
      }
    }
  }

  private static String oneLine(Throwable e) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = e; t != null && text.length() < 400; t = t.getCause() == t ? null : t.getCause()) {
      if (text.length() > 0) {
        text.append(" <- ");
      }
      String message = t.getMessage();
      text.append(t.getClass().getSimpleName()).append(message == null ? "" : ": " + message.strip());
    }
    return text.toString().replaceAll("\\s+", " ");
  }

  private void closeResources() {
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      try {
        c.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      } catch (RuntimeException e) {
        log.warn("Closing the consumer of {} failed: {}", topic, e.toString());
      }
    }
    if (writer != null) {
      writer.close();
    }
    deadLetterPublisher.close();
  }

  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      // Called inside poll, before any record of these partitions is returned: pause them until the
      // stored offset is known, so nothing is read from Kafka's own (informational) committed offset.
      consumer.pause(partitions);
      pendingSeek.addAll(partitions);
      if (!pausedForRetry) {
        resolveSeeks();
      }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      forget(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
    }

    private void forget(Collection<TopicPartition> partitions) {
      // Unwritten records of these partitions are dropped: the next owner reads them again from the
      // stored offset, which has not moved past them.
      buffer.discard(partitions);
      pendingSeek.removeAll(partitions);
      stored.keySet().removeAll(partitions);
    }
  }

  /** A failure no retry can fix (the database's schema is not this version's). */
  static final class GiveUpException extends Exception {

    GiveUpException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
