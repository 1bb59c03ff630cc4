package dev.wirewatch.app;

import dev.wirewatch.app.config.ConfigException;
import dev.wirewatch.app.config.FeedSpec;
import dev.wirewatch.app.config.Settings;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.app.http.HttpEndpoint;
import dev.wirewatch.app.ops.Operations;
import dev.wirewatch.app.ops.Redactor;
import dev.wirewatch.app.ops.StageTap;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.GroupProgress;
import dev.wirewatch.broker.TopicProvisioner;
import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.classify.streams.ClassifyTopology;
import dev.wirewatch.ingest.IngestService;
import dev.wirewatch.ingest.PollSummary;
import dev.wirewatch.schema.topic.Topics;
import dev.wirewatch.sink.EventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process: Kafka (embedded unless configured), the topics, the classify
 * Streams application, the sink and the ingest stage. Stages talk only through Kafka, so the same
 * stages could run in separate processes against one cluster.
 */
public final class Pipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
  private static final Duration STREAMS_START_TIMEOUT = Duration.ofSeconds(90);

  private final WirewatchConfig config;
  private final EmbeddedKafka broker;
  private final Map<String, Object> kafkaProps;
  private final KafkaStreams streams;
  private final EventSink sink;
  private final IngestService ingest;
  private final String applicationId;
  private final ScheduledExecutorService healthReporter;
  private final Operations operations;
  private boolean closed;

  private Pipeline(WirewatchConfig config, EmbeddedKafka broker, Map<String, Object> kafkaProps, KafkaStreams streams,
      EventSink sink, IngestService ingest, Operations operations) {
    this.config = config;
    this.operations = operations;
    this.broker = broker;
    this.kafkaProps = kafkaProps;
    this.streams = streams;
    this.sink = sink;
    this.ingest = ingest;
    this.applicationId = config.get(Settings.CLASSIFY_APP_ID);
    this.healthReporter = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "wirewatch-health");
      t.setDaemon(true);
      return t;
    });
    healthReporter.scheduleWithFixedDelay(() -> HealthFile.write(config.dataDir(),
        sink == null ? null : sink.health(), streams == null ? "not running here" : streams.state().name()),
        0, 5, TimeUnit.SECONDS);
  }

  /** The stages one process can run; all three by default, one each when scaled out. */
  public enum Stage { INGEST, CLASSIFY, SINK }

  /**
   * How to start: which stages, with which classifier, and what to do once Kafka is reachable but before
   * the classifier starts (a replay rewinds the classifier's input there).
   */
  public record Options(Set<Stage> stages, ArchiveClassifier classifier, Consumer<Map<String, Object>> beforeClassify) {

    public Options {
      if (stages.isEmpty()) {
        throw new IllegalArgumentException("stages must name at least one stage");
      }
      stages = Set.copyOf(stages);
    }

    /** Every stage, the shipped classifier, nothing before classify starts. */
    public static Options defaults() {
      return new Options(EnumSet.allOf(Stage.class), null, props -> { });
    }

    public Options withStages(Set<Stage> selected) {
      return new Options(selected, classifier, beforeClassify);
    }

    public Options withClassifier(ArchiveClassifier replacement) {
      return new Options(stages, replacement, beforeClassify);
    }

    public Options beforeClassify(Consumer<Map<String, Object>> action) {
      return new Options(stages, classifier, action);
    }
  }

  /** Starts every stage. */
  public static Pipeline start(WirewatchConfig config) {
    return start(config, Options.defaults());
  }

  /**
   * Starts Kafka (if embedded), creates the topics, and starts classify and sink when selected; ingest
   * waits for {@link #runOnce} or {@link #startIngestLoop}.
   */
  public static Pipeline start(WirewatchConfig config, Options options) {
    Set<Stage> stages = options.stages();
    EmbeddedKafka broker = null;
    KafkaStreams streams = null;
    EventSink sink = null;
    // First, so that /health/ready answers "not ready" while Kafka, the classifier and the database come up.
    Operations operations = startOperations(config, stages);
    try {
      Map<String, Object> kafkaProps = new HashMap<>(config.kafkaClientProperties());
      if (config.embeddedKafka()) {
        broker = EmbeddedKafka.start(config.dataDir());
        kafkaProps.putAll(broker.clientProperties());
      } else {
        log.info("Using Kafka cluster at {}", kafkaProps.get("bootstrap.servers"));
      }
      TopicProvisioner.ensureTopics(kafkaProps, config.integer(Settings.TOPIC_PARTITIONS),
          (short) config.integer(Settings.TOPIC_REPLICATION));
      operations.kafkaReady(kafkaProps, config.get(Settings.CLASSIFY_APP_ID), config.get(Settings.SINK_GROUP));

      options.beforeClassify().accept(Map.copyOf(kafkaProps));
      if (stages.contains(Stage.CLASSIFY)) {
        ArchiveClassifier classifier = options.classifier() != null ? options.classifier()
            : Reextraction.classifier(DialogueClassifier.standard(), null);
        streams = startClassify(config, StageTap.streamsProperties(kafkaProps, operations.metrics()),
            classifier.observing(operations.metrics()::verdict), operations);
      }
      if (stages.contains(Stage.SINK)) {
        sink = new EventSink(Stages.sinkSettings(config), StageTap.clientProperties(kafkaProps, operations.metrics()),
            operations.metrics());
        sink.start();
        operations.sinkStarted(sink);
      }
      IngestService ingest = stages.contains(Stage.INGEST)
          ? new IngestService(Stages.ingestSettings(config), StageTap.clientProperties(kafkaProps, operations.metrics())) : null;
      return new Pipeline(config, broker, kafkaProps, streams, sink, ingest, operations);
    } catch (RuntimeException e) {
      operations.close();
      closeQuietly(sink, e);
      if (streams != null) {
        streams.close(Duration.ofSeconds(30));
      }
      closeQuietly(broker, e);
      throw e;
    }
  }

  /** Polls every feed once, then waits until classify and sink have handled everything produced. */
  public PollSummary runOnce(Duration timeout) {
    PollSummary summary = ingest == null ? null : ingest.pollAllOnce();
    awaitDrained(timeout);
    return summary;
  }

  /** Starts polling every feed on its own interval, in the background, until {@link #close()}. */
  public void startIngestLoop() {
    if (ingest != null) {
      ingest.start();
    }
  }

  /** Waits until the classifier has consumed all input and the sink has stored every event. */
  public void awaitDrained(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    if (streams != null) {
      // The classifier's input: the archive and its own repartition topics.
      GroupProgress.awaitCaughtUp(kafkaProps, applicationId, topic -> topic.equals(Topics.RAW_ARTICLES.name())
          || (topic.startsWith(applicationId + "-") && topic.endsWith("-repartition")), Duration.between(Instant.now(), deadline));
    }
    if (sink != null && !sink.drain(Duration.between(Instant.now(), deadline))) {
      throw new IllegalStateException("sink has not stored every event in time: " + sink.health());
    }
  }

  /** The process's HTTP endpoint, to which more routes may be added; empty when {@code http.port} is 0. */
  public Optional<HttpEndpoint> httpEndpoint() {
    return Optional.ofNullable(operations.endpoint());
  }

  public Map<String, Object> kafkaProperties() {
    return Map.copyOf(kafkaProps);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    healthReporter.shutdownNow();
    operations.close();
    RuntimeException failure = new RuntimeException("pipeline did not stop cleanly");
    closeQuietly(ingest, failure);
    if (streams != null) {
      try {
        // Leave the group at once: a replay can only rewind the application while it has no member.
        streams.close(CloseOptions.timeout(Duration.ofSeconds(30))
            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
    closeQuietly(sink, failure);
    closeQuietly(broker, failure);
    if (failure.getSuppressed().length > 0) {
      log.warn("Pipeline stopped with errors: {}", failure.getSuppressed()[0].getMessage());
    }
  }

  private static Operations startOperations(WirewatchConfig config, Set<Stage> stages) {
    try {
      return new Operations(config.get(Settings.HTTP_HOST), config.integer(Settings.HTTP_PORT),
          stages.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()),
          config.feeds().stream().map(FeedSpec::url).toList(), Redactor.of(config));
    } catch (IllegalStateException e) {
      throw new ConfigException(e.getMessage() + " (set " + Settings.HTTP_PORT + " to a free port, or 0 to turn the endpoint off)", e);
    }
  }

  private static KafkaStreams startClassify(WirewatchConfig config, Map<String, Object> kafkaProps,
      ArchiveClassifier classifier, Operations operations) {
    Properties props = ClassifyTopology.streamsProperties(kafkaProps, config.get(Settings.CLASSIFY_APP_ID),
        config.dataDir().resolve("streams"));
    // A crashed instance is noticed (and a replay after it can start) within seconds, not the default 45 s.
    props.putIfAbsent(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
    KafkaStreams streams = new KafkaStreams(ClassifyTopology.buildTopology(classifier), props);
    operations.classifyStarted(streams);
    CountDownLatch running = new CountDownLatch(1);
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.RUNNING) {
        running.countDown();
      }
      log.info("Classify application {} -> {}", before, now);
    });
    streams.setUncaughtExceptionHandler(e -> {
      log.error("Classify stream thread failed; replacing it", e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.start();
    try {
      if (!running.await(STREAMS_START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        streams.close(Duration.ofSeconds(10));
        throw new IllegalStateException("classify application did not reach RUNNING within "
            + STREAMS_START_TIMEOUT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      streams.close(Duration.ofSeconds(10));
      throw new IllegalStateException("interrupted while starting the classify application", e);
    }
    log.info("Classify application {} running, classifier {}", config.get(Settings.CLASSIFY_APP_ID), classifier.version());
    return streams;
  }

  private static void closeQuietly(AutoCloseable closeable, RuntimeException failure) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      failure.addSuppressed(e);
    }
  }
}
