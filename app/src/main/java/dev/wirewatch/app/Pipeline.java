package dev.wirewatch.app;

import dev.wirewatch.app.config.Settings;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.GroupProgress;
import dev.wirewatch.broker.TopicProvisioner;
import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.classify.streams.ClassifyService;
import dev.wirewatch.ingest.IngestService;
import dev.wirewatch.ingest.PollSummary;
import dev.wirewatch.sink.EventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one process: Kafka (embedded unless configured), the topics, the classify
 * Streams application, the sink and the ingest stage. Stages talk only through Kafka, so the same
 * stages could run in separate processes against one cluster.
 */
public final class Pipeline implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);

  private final WirewatchConfig config;
  private final EmbeddedKafka broker;
  private final Map<String, Object> kafkaProps;
  private final ClassifyService classify;
  private final EventSink sink;
  private final IngestService ingest;
  private final ScheduledExecutorService healthReporter;
  private boolean closed;

  private Pipeline(WirewatchConfig config, EmbeddedKafka broker, Map<String, Object> kafkaProps, ClassifyService classify,
      EventSink sink, IngestService ingest) {
    this.config = config;
    this.broker = broker;
    this.kafkaProps = kafkaProps;
    this.classify = classify;
    this.sink = sink;
    this.ingest = ingest;
    this.healthReporter = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "wirewatch-health");
      t.setDaemon(true);
      return t;
    });
    healthReporter.scheduleWithFixedDelay(() -> HealthFile.write(config.dataDir(),
        sink == null ? null : sink.health(), classify == null ? "not running here" : classify.state()),
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
    ClassifyService classify = null;
    EventSink sink = null;
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

      options.beforeClassify().accept(Map.copyOf(kafkaProps));
      if (stages.contains(Stage.CLASSIFY)) {
        ArchiveClassifier classifier = options.classifier() != null ? options.classifier()
            : Reextraction.classifier(DialogueClassifier.standard(), null);
        classify = new ClassifyService(kafkaProps, config.get(Settings.CLASSIFY_APP_ID), config.dataDir().resolve("streams"),
            classifier);
        classify.start();
      }
      if (stages.contains(Stage.SINK)) {
        sink = new EventSink(Stages.sinkSettings(config), kafkaProps);
        sink.start();
      }
      IngestService ingest = stages.contains(Stage.INGEST)
          ? new IngestService(Stages.ingestSettings(config), kafkaProps) : null;
      return new Pipeline(config, broker, kafkaProps, classify, sink, ingest);
    } catch (RuntimeException e) {
      closeQuietly(sink, e);
      closeQuietly(classify, e);
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
    if (classify != null) {
      GroupProgress.awaitCaughtUp(kafkaProps, classify.applicationId(), classify.inputTopics(), Duration.between(Instant.now(), deadline));
    }
    if (sink != null && !sink.drain(Duration.between(Instant.now(), deadline))) {
      throw new IllegalStateException("sink has not stored every event in time: " + sink.health());
    }
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
    RuntimeException failure = new RuntimeException("pipeline did not stop cleanly");
    closeQuietly(ingest, failure);
    closeQuietly(classify, failure);
    closeQuietly(sink, failure);
    closeQuietly(broker, failure);
    if (failure.getSuppressed().length > 0) {
      log.warn("Pipeline stopped with errors: {}", failure.getSuppressed()[0].getMessage());
    }
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
