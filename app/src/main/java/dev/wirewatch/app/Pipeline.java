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
import dev.wirewatch.broker.HangingTransactions;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CountDownLatch;
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
  /** How long a stop during start-up waits for the step in progress before it closes what runs. */
  private static final Duration STOP_WAITS_FOR_START = Duration.ofSeconds(60);

  private final WirewatchConfig config;
  private final Options options;
  private final String applicationId;
  /** Released when {@link #start()} has returned or failed, so that a stop during start-up can wait for it. */
  private final CountDownLatch startEnded = new CountDownLatch(1);
  // Set while starting, read by close() from a signal's shutdown hook: guarded by this.
  private EmbeddedKafka broker;
  private Map<String, Object> kafkaProps;
  private ClassifyService classify;
  private EventSink sink;
  private IngestService ingest;
  private ScheduledExecutorService healthReporter;
  private Operations operations;
  private boolean starting;
  private boolean closed;

  private Pipeline(WirewatchConfig config, Options options) {
    this.config = config;
    this.options = options;
    this.applicationId = config.get(Settings.CLASSIFY_APP_ID);
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

  /** {@link #create} and {@link #start()} in one step. */
  public static Pipeline start(WirewatchConfig config, Options options) {
    return create(config, options).start();
  }

  /**
   * A pipeline that has not started anything yet: a command installs its stop handler on it first, so that
   * a signal at any moment of {@link #start()} closes the Kafka clients started so far cleanly.
   */
  public static Pipeline create(WirewatchConfig config, Options options) {
    return new Pipeline(config, options);
  }

  /**
   * Starts Kafka (if embedded), creates the topics, and starts classify and sink when selected; ingest
   * waits for {@link #runOnce} or {@link #startIngestLoop}. On failure, or when {@link #close()} is called
   * meanwhile, what was started is stopped again and the exception is thrown.
   */
  public Pipeline start() {
    synchronized (this) {
      if (starting || closed) {
        throw new IllegalStateException("a pipeline starts once");
      }
      starting = true;
    }
    try {
      startStages();
      return this;
    } catch (RuntimeException e) {
      synchronized (this) {
        closed = true;
        closeStarted();
      }
      throw e;
    } finally {
      startEnded.countDown();
    }
  }

  private void startStages() {
    Set<Stage> stages = options.stages();
    // First, so that /health/ready answers "not ready" while Kafka, the classifier and the database come up.
    Operations ops = startOperations(config, stages);
    synchronized (this) {
      operations = adopt(ops);
    }
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    if (config.embeddedKafka()) {
      EmbeddedKafka started = EmbeddedKafka.start(config.dataDir());
      synchronized (this) {
        broker = adopt(started);
      }
      props.putAll(started.clientProperties());
    } else {
      log.info("Using Kafka cluster at {}", props.get("bootstrap.servers"));
    }
    synchronized (this) {
      kafkaProps = props;
    }
    TopicProvisioner.ensureTopics(props, config.integer(Settings.TOPIC_PARTITIONS),
        (short) config.integer(Settings.TOPIC_REPLICATION));
    ops.kafkaReady(props, applicationId, config.get(Settings.SINK_GROUP));

    options.beforeClassify().accept(Map.copyOf(props));
    if (stages.contains(Stage.CLASSIFY)) {
      ArchiveClassifier classifier = options.classifier() != null ? options.classifier()
          : Reextraction.classifier(DialogueClassifier.standard(), null);
      startClassify(StageTap.streamsProperties(props, ops.metrics()), classifier.observing(ops.metrics()::verdict), ops);
    }
    if (stages.contains(Stage.SINK)) {
      EventSink started = new EventSink(Stages.sinkSettings(config), StageTap.clientProperties(props, ops.metrics()),
          ops.metrics());
      synchronized (this) {
        sink = adopt(started);
      }
      started.start();
      ops.sinkStarted(started);
    }
    if (stages.contains(Stage.INGEST)) {
      IngestService started = new IngestService(Stages.ingestSettings(config), StageTap.clientProperties(props, ops.metrics()));
      synchronized (this) {
        ingest = adopt(started);
      }
    }
    startHealthReports();
  }

  /** Takes a started part over (the caller holds the lock), or closes it at once when the pipeline is being stopped. */
  private synchronized <T extends AutoCloseable> T adopt(T part) {
    if (closed) {
      RuntimeException stopped = new IllegalStateException("stopped while starting");
      closeQuietly(part, stopped);
      throw stopped;
    }
    return part;
  }

  private synchronized void startHealthReports() {
    if (closed) {
      throw new IllegalStateException("stopped while starting");
    }
    EventSink sinkNow = sink;
    ClassifyService classifyNow = classify;
    healthReporter = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "wirewatch-health");
      t.setDaemon(true);
      return t;
    });
    healthReporter.scheduleWithFixedDelay(() -> HealthFile.write(config.dataDir(),
        sinkNow == null ? null : sinkNow.health(), classifyNow == null ? "not running here" : classifyNow.state()),
        0, 5, TimeUnit.SECONDS);
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

  /** The process's HTTP endpoint, to which more routes may be added; empty when {@code http.port} is 0 or before start. */
  public synchronized Optional<HttpEndpoint> httpEndpoint() {
    return Optional.ofNullable(operations == null ? null : operations.endpoint());
  }

  public synchronized Map<String, Object> kafkaProperties() {
    return Map.copyOf(kafkaProps);
  }

  /**
   * Stops what runs; callable at any moment, also from a signal's shutdown hook while {@link #start()} is
   * still going: it then waits for the step in progress (a broker start, an Admin call) to end, so that
   * every client started so far is closed cleanly instead of being cut off by the JVM's exit.
   */
  @Override
  public void close() {
    boolean waitForStart;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      waitForStart = starting && startEnded.getCount() > 0;
    }
    if (waitForStart) {
      try {
        if (!startEnded.await(STOP_WAITS_FOR_START.toSeconds(), TimeUnit.SECONDS)) {
          log.warn("Start-up did not stop within {} s; stopping what runs", STOP_WAITS_FOR_START.toSeconds());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      closeStarted();
    }
  }

  /** Closes each part that runs and forgets it, so that a second call closes nothing twice. */
  private void closeStarted() {
    if (healthReporter != null) {
      healthReporter.shutdownNow();
    }
    RuntimeException failure = new RuntimeException("pipeline did not stop cleanly");
    closeQuietly(operations, failure);
    operations = null;
    closeQuietly(ingest, failure);
    ingest = null;
    closeQuietly(classify, failure);
    classify = null;
    closeQuietly(sink, failure);
    sink = null;
    closeQuietly(broker, failure);
    broker = null;
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

  private void startClassify(Map<String, Object> kafkaProps, ArchiveClassifier classifier, Operations ops) {
    // Before any Streams client exists: abort what an interrupted run of this application left open.
    ClassifyService service = new ClassifyService(kafkaProps, applicationId, config.dataDir().resolve("streams"), classifier,
        (props, id) -> HangingTransactions.abortOwn(props, Stages.classifyTransactions(config)), ops::classifyStarted);
    synchronized (this) {
      classify = adopt(service);
    }
    // A close() from here on stops the start-up too (ClassifyService.close is not held up by start()).
    service.start();
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
