package dev.wirewatch.classify.streams;

import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.schema.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The classify stage's runtime: the Kafka Streams application of {@link ClassifyTopology} (in: {@code raw-articles};
 * out: {@code dialogue-mentions}, {@code dialogue-events}, {@code wirewatch-dlq}), started, watched and stopped. The
 * launcher composes it with the other stages; what the application reads, its internal topics included, is known here.
 */
public final class ClassifyService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ClassifyService.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration ABANDON_TIMEOUT = Duration.ofSeconds(10);
  /** A crashed instance is noticed (and a replay after it can start) within seconds, not the default 45 s. */
  private static final int SESSION_TIMEOUT_MS = 10_000;
  private static final String REPARTITION_SUFFIX = "-repartition";

  /**
   * Work done once Kafka is reachable and before the Streams application starts, given the client properties and
   * the application id.
   */
  @FunctionalInterface
  public interface PreStart {
    void run(Map<String, Object> kafkaClientProps, String applicationId);
  }

  private final Map<String, Object> kafkaProps;
  private final String applicationId;
  private final Path stateDir;
  private final ArchiveClassifier classifier;
  private final PreStart preStart;
  private KafkaStreams streams;

  /**
   * @param kafkaClientProps bootstrap.servers and any security settings
   * @param applicationId the Streams application.id (also its consumer group and internal topic prefix)
   * @param stateDir where the state stores live
   * @param preStart run by {@link #start()} before the application starts
   */
  public ClassifyService(Map<String, Object> kafkaClientProps, String applicationId, Path stateDir, ArchiveClassifier classifier,
                         PreStart preStart) {
    this.kafkaProps = Map.copyOf(Objects.requireNonNull(kafkaClientProps, "kafkaClientProps"));
    this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
    this.stateDir = Objects.requireNonNull(stateDir, "stateDir");
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.preStart = Objects.requireNonNull(preStart, "preStart");
  }

  /** A service with nothing to do before it starts. */
  public ClassifyService(Map<String, Object> kafkaClientProps, String applicationId, Path stateDir, ArchiveClassifier classifier) {
    this(kafkaClientProps, applicationId, stateDir, classifier, (props, id) -> { });
  }

  /**
   * The topics the application of {@code applicationId} consumes: {@code raw-articles} and its own repartition
   * topics ({@code <application.id>-<name>-repartition}). It has caught up when its group has no lag on these.
   */
  public static Predicate<String> inputTopics(String applicationId) {
    Objects.requireNonNull(applicationId, "applicationId");
    return topic -> topic.equals(Topics.RAW_ARTICLES.name())
        || topic.startsWith(applicationId + "-") && topic.endsWith(REPARTITION_SUFFIX);
  }

  /** The topics this application consumes; see {@link #inputTopics(String)}. */
  public Predicate<String> inputTopics() {
    return inputTopics(applicationId);
  }

  /** The application id, which is also the consumer group whose progress tells how far classification has got. */
  public String applicationId() {
    return applicationId;
  }

  /**
   * Runs the pre-start work, then starts the application and waits until it is RUNNING.
   *
   * @throws IllegalStateException when it does not get there within 90 s (it is closed then)
   */
  public synchronized void start() {
    if (streams != null) {
      throw new IllegalStateException("classify application " + applicationId + " already started");
    }
    // The one place where work runs before any Streams client exists (e.g. clearing what an interrupted run left).
    preStart.run(kafkaProps, applicationId);
    Properties props = ClassifyTopology.streamsProperties(kafkaProps, applicationId, stateDir);
    props.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
    KafkaStreams app = new KafkaStreams(ClassifyTopology.buildTopology(classifier), props);
    CountDownLatch running = new CountDownLatch(1);
    app.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        running.countDown();
      }
      log.info("Classify application {} -> {}", before, now);
    });
    app.setUncaughtExceptionHandler(e -> {
      log.error("Classify stream thread failed; replacing it", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams = app;
    app.start();
    try {
      if (!running.await(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        abandon();
        throw new IllegalStateException("classify application did not reach RUNNING within " + START_TIMEOUT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon();
      throw new IllegalStateException("interrupted while starting the classify application", e);
    }
    log.info("Classify application {} running, classifier {}", applicationId, classifier.version());
  }

  /** The application's state name, or "not running here" before {@link #start()} or after {@link #close()}. */
  public synchronized String state() {
    return streams == null ? "not running here" : streams.state().name();
  }

  /** Stops the application, leaving its group at once: a replay can only rewind the application while it has no member. */
  @Override
  public synchronized void close() {
    if (streams == null) {
      return;
    }
    KafkaStreams app = streams;
    streams = null;
    app.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
  }

  private void abandon() {
    KafkaStreams app = streams;
    streams = null;
    app.close(ABANDON_TIMEOUT);
  }
}
