package dev.wirewatch.sink;

import dev.wirewatch.schema.topic.Topics;
import dev.wirewatch.sink.SinkHealth.State;
import dev.wirewatch.sink.internal.BatchObserver;
import dev.wirewatch.sink.internal.BatchWriter;
import dev.wirewatch.sink.internal.SinkRunner;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink stage: consumes {@code dialogue-events} (key eventId as String, value
 * {@link dev.wirewatch.schema.DialogueEvent}; a null value is a tombstone that deletes the event) into
 * the database of {@link SinkSettings} (SQLite or PostgreSQL), exactly once: rows and consumer offsets
 * are committed in one transaction and consumption resumes from the stored offsets. Records that can
 * never be stored go to {@code wirewatch-dlq} (original key and bytes; reason, topic, partition and
 * offset in headers; stage {@code sink}).
 *
 * <p>Usage: {@link #start()}, then {@link #drain(Duration)} for a one-shot run or {@link #health()} while
 * it runs, then {@link #close()}. Read the stored events with {@link EventStore}.
 */
public final class EventSink implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventSink.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration DRAIN_CHECK = Duration.ofMillis(100);
  /** Shortest Admin timeout: a healthy broker answers a metadata or offsets request well within it. */
  static final Duration MIN_ADMIN_TIMEOUT = Duration.ofSeconds(1);

  private final SinkSettings settings;
  private final Map<String, Object> kafkaClientProps;
  private final SinkRunner runner;
  private Thread thread;

  /**
   * @param settings database, consumer group, batching and retries
   * @param kafkaClientProps bootstrap.servers and any pass-through client properties (security...)
   */
  public EventSink(SinkSettings settings, Map<String, Object> kafkaClientProps) {
    this(settings, kafkaClientProps, BatchObserver.NONE);
  }

  /** With a listener told of each stored batch and each retry (metrics). */
  public EventSink(SinkSettings settings, Map<String, Object> kafkaClientProps, SinkListener listener) {
    this(settings, kafkaClientProps, new BatchObserver() {
      @Override
      public void afterCommit(int records, Map<TopicPartition, Long> offsets) {
        listener.batchStored(records, offsets);
      }

      @Override
      public void retryScheduled() {
        listener.retryScheduled();
      }
    });
  }

  /** With an observer told of each committed batch (tests inject a crash through it). */
  EventSink(SinkSettings settings, Map<String, Object> kafkaClientProps, BatchObserver observer) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(kafkaClientProps, "kafkaClientProps");
    if (!kafkaClientProps.containsKey(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException("kafkaClientProps must contain bootstrap.servers");
    }
    this.kafkaClientProps = Map.copyOf(kafkaClientProps);
    this.runner = new SinkRunner(settings, this.kafkaClientProps, observer);
  }

  /** Starts consuming on a background thread: migrates the schema, joins the group, writes batches. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("sink already started");
    }
    thread = new Thread(runner, "wirewatch-sink");
    thread.setDaemon(false);
    thread.start();
  }

  /** Current state, last error and counters. */
  public SinkHealth health() {
    return runner.health();
  }

  /**
   * Waits until everything on the topic up to its current end (the last stable offset, i.e. committed
   * producer transactions only) is stored, as the stored offsets of this consumer group show. For
   * {@code run --once}.
   *
   * @return true when drained; false when {@code timeout} passed or the sink failed or stopped first
   *     ({@link #health()} says why)
   */
  public boolean drain(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (thread == null) {
      throw new IllegalStateException("sink not started");
    }
    Instant deadline = Instant.now().plus(timeout);
    Map<Integer, Long> ends;
    try {
      ends = endOffsets(timeout);
    } catch (TimeoutException | ExecutionException e) {
      log.warn("Cannot read the end offsets of {}: {}", Topics.DIALOGUE_EVENTS.name(), e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    log.debug("Draining {} up to {}", Topics.DIALOGUE_EVENTS.name(), ends);
    while (true) {
      State state = runner.health().state();
      if (state == State.FAILED || state == State.STOPPED) {
        return false;
      }
      if (state != State.STARTING && storedReach(ends)) {
        return true;
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        return false;
      }
      try {
        runner.awaitCommit(left.compareTo(DRAIN_CHECK) < 0 ? left : DRAIN_CHECK);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private Map<Integer, Long> endOffsets(Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    String topic = Topics.DIALOGUE_EVENTS.name();
    Map<String, Object> adminProps = new HashMap<>(kafkaClientProps);
    adminProps.putAll(adminTimeouts(timeout));
    long millis = ((Integer) adminProps.get(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG)).longValue();
    try (Admin admin = Admin.create(adminProps)) {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
          .get(millis, TimeUnit.MILLISECONDS).get(topic);
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (TopicPartitionInfo partition : description.partitions()) {
        request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
      }
      Map<TopicPartition, ListOffsetsResultInfo> result = admin
          .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
          .get(millis, TimeUnit.MILLISECONDS);
      Map<Integer, Long> ends = new HashMap<>();
      result.forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
      return ends;
    }
  }

  /**
   * Admin client timeouts for calls that must end within {@code left}. Kafka refuses to create an Admin
   * whose {@code default.api.timeout.ms} is below its {@code request.timeout.ms} (30 s by default), so both
   * are derived from what is left, the request timeout never above the API timeout, with a floor of
   * {@link #MIN_ADMIN_TIMEOUT}.
   */
  static Map<String, Object> adminTimeouts(Duration left) {
    long millis = Math.min(Integer.MAX_VALUE, Math.max(MIN_ADMIN_TIMEOUT.toMillis(), left.toMillis()));
    return Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) millis,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) millis);
  }

  private boolean storedReach(Map<Integer, Long> ends) {
    Map<Integer, Long> stored;
    try (Connection connection = runner.database().connect()) {
      stored = BatchWriter.readOffsets(connection, settings.consumerGroup(), Topics.DIALOGUE_EVENTS.name());
    } catch (SQLException e) {
      log.debug("Cannot read stored offsets while draining: {}", e.getMessage());
      return false;
    }
    for (Map.Entry<Integer, Long> end : ends.entrySet()) {
      if (stored.getOrDefault(end.getKey(), 0L) < end.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Stops consuming: writes what it holds if the database takes it, leaves the group, closes connections. */
  @Override
  public synchronized void close() {
    runner.stop();
    if (thread != null) {
      try {
        thread.join(CLOSE_TIMEOUT.toMillis());
        if (thread.isAlive()) {
          log.warn("Sink thread did not stop within {}", CLOSE_TIMEOUT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "EventSink[" + settings + "]";
  }
}
