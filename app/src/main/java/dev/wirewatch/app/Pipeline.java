package dev.wirewatch.app;

import dev.wirewatch.app.config.Settings;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.TopicProvisioner;
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
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
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
  private boolean closed;

  private Pipeline(WirewatchConfig config, EmbeddedKafka broker, Map<String, Object> kafkaProps, KafkaStreams streams,
      EventSink sink, IngestService ingest) {
    this.config = config;
    this.broker = broker;
    this.kafkaProps = kafkaProps;
    this.streams = streams;
    this.sink = sink;
    this.ingest = ingest;
    this.applicationId = config.get(Settings.CLASSIFY_APP_ID);
  }

  /** The stages one process can run; all three by default, one each when scaled out. */
  public enum Stage { INGEST, CLASSIFY, SINK }

  /** Starts every stage. */
  public static Pipeline start(WirewatchConfig config) {
    return start(config, EnumSet.allOf(Stage.class));
  }

  /**
   * Starts Kafka (if embedded), creates the topics, and starts classify and sink when selected; ingest
   * waits for {@link #runOnce} or {@link #runUntilStopped}.
   */
  public static Pipeline start(WirewatchConfig config, Set<Stage> stages) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("stages must name at least one stage");
    }
    EmbeddedKafka broker = null;
    KafkaStreams streams = null;
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

      if (stages.contains(Stage.CLASSIFY)) {
        streams = startClassify(config, kafkaProps);
      }
      if (stages.contains(Stage.SINK)) {
        sink = new EventSink(Stages.sinkSettings(config), kafkaProps);
        sink.start();
      }
      IngestService ingest = stages.contains(Stage.INGEST)
          ? new IngestService(Stages.ingestSettings(config), kafkaProps) : null;
      return new Pipeline(config, broker, kafkaProps, streams, sink, ingest);
    } catch (RuntimeException e) {
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

  /** Polls feeds on their intervals until the returned latch is released by {@link #close()}. */
  public void runUntilStopped(CountDownLatch stop) throws InterruptedException {
    if (ingest != null) {
      ingest.start();
    }
    stop.await();
  }

  /** Waits until the classifier has consumed all input and the sink has stored every event. */
  public void awaitDrained(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    if (streams != null) {
      awaitClassified(deadline);
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
    RuntimeException failure = new RuntimeException("pipeline did not stop cleanly");
    closeQuietly(ingest, failure);
    if (streams != null) {
      try {
        streams.close(Duration.ofSeconds(30));
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

  private static KafkaStreams startClassify(WirewatchConfig config, Map<String, Object> kafkaProps) {
    DialogueClassifier classifier = DialogueClassifier.standard();
    Properties props = ClassifyTopology.streamsProperties(kafkaProps, config.get(Settings.CLASSIFY_APP_ID),
        config.dataDir().resolve("streams"));
    KafkaStreams streams = new KafkaStreams(ClassifyTopology.buildTopology(classifier), props);
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

  /**
   * Caught up means: for raw-articles and every repartition topic of the application, the committed
   * offset of the application's group has reached the read-committed end of the partition.
   */
  private void awaitClassified(Instant deadline) {
    try (Admin admin = Admin.create(kafkaProps)) {
      while (true) {
        if (classifyCaughtUp(admin)) {
          return;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("classify application has not caught up with its input in time");
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the classifier", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the classifier's progress: " + e.getMessage(), e);
    }
  }

  private boolean classifyCaughtUp(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> inputs = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
        .filter(t -> t.equals(Topics.RAW_ARTICLES.name())
            || (t.startsWith(applicationId + "-") && t.endsWith("-repartition")))
        .collect(Collectors.toSet());
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(inputs).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
        description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS)
        .forEach((tp, info) -> ends.put(tp, info.offset()));
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
      if (end.getValue() == 0) {
        continue;
      }
      OffsetAndMetadata position = committed.get(end.getKey());
      if (position == null || position.offset() < end.getValue()) {
        return false;
      }
    }
    return true;
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
