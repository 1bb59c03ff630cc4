package dev.wirewatch.app.replay;

import dev.wirewatch.app.Pipeline;
import dev.wirewatch.app.Stages;
import dev.wirewatch.app.config.Settings;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.broker.HangingTransactions;
import dev.wirewatch.broker.TopicSnapshot;
import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.topic.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real replay: the pipeline started with the classify application rewound to the start of the archive
 * (and the other selected stages running live), then, once it has caught up, a report of what changed.
 * Rewinding again after a crash gives the same outcome: the application's stores already hold the new
 * answer, so records that are already right are not written again.
 */
public final class ReplayRun implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReplayRun.class);

  private final Pipeline pipeline;
  private final ArchiveClassifier classifier;
  private final AtomicReference<Map<String, DialogueEvent>> before;
  private final Set<String> versionsBefore;
  private final AtomicInteger reextracted;
  private final AtomicLong classified;
  private final AtomicLong rewoundNanos;
  private long startedNanos;
  private long caughtUpNanos;

  private ReplayRun(Pipeline pipeline, ArchiveClassifier classifier, AtomicReference<Map<String, DialogueEvent>> before,
      Set<String> versionsBefore, AtomicInteger reextracted, AtomicLong classified, AtomicLong rewoundNanos) {
    this.pipeline = pipeline;
    this.classifier = classifier;
    this.before = before;
    this.versionsBefore = versionsBefore;
    this.reextracted = reextracted;
    this.classified = classified;
    this.rewoundNanos = rewoundNanos;
  }

  /** {@link #create} and {@link #start()} in one step. */
  public static ReplayRun start(WirewatchConfig config, Pipeline.Options options, ArchiveClassifier classifier,
      AtomicInteger reextracted, Duration limit) {
    return create(config, options, classifier, reextracted, limit).start();
  }

  /**
   * A replay that has not started anything yet (so that a stop handler can be installed on it first).
   *
   * @param options stages to run (the classifier in them is replaced by {@code classifier})
   * @param reextracted the counter {@code classifier}'s refresh increments, or null
   */
  public static ReplayRun create(WirewatchConfig config, Pipeline.Options options, ArchiveClassifier classifier,
      AtomicInteger reextracted, Duration limit) {
    AtomicReference<Map<String, DialogueEvent>> before = new AtomicReference<>();
    Set<String> versions = new TreeSet<>();
    String applicationId = config.get(Settings.CLASSIFY_APP_ID);
    AtomicLong rewound = new AtomicLong();
    AtomicLong classified = new AtomicLong();
    Pipeline pipeline = Pipeline.create(config, options.withClassifier(classifier.counting(classified)).beforeClassify(props -> {
      // Before anything reads or rewinds: an open transaction nobody will finish would stall both.
      HangingTransactions.abortOwn(props, Stages.classifyTransactions(config));
      before.set(TopicSnapshot.latestPerKey(Topics.DIALOGUE_EVENTS, props, limit));
      TopicSnapshot.latestPerKey(Topics.DIALOGUE_MENTIONS, props, limit).values()
          .forEach(m -> versions.add(m.getClassifierVersion()));
      Replay.rewind(props, applicationId);
      log.info("Replay: classify application {} rewound to the start of {}", applicationId, Topics.RAW_ARTICLES.name());
      rewound.set(System.nanoTime());
    }));
    return new ReplayRun(pipeline, classifier, before, versions, reextracted == null ? new AtomicInteger() : reextracted,
        classified, rewound);
  }

  /** Starts the pipeline for the replay: the classify application rewound, then every selected stage. */
  public ReplayRun start() {
    startedNanos = System.nanoTime();
    pipeline.start();
    return this;
  }

  public Pipeline pipeline() {
    return pipeline;
  }

  /** Waits until classify and sink have caught up with the archive (and anything that arrived meanwhile). */
  public ReplayReport awaitCaughtUp(Duration limit) {
    pipeline.awaitDrained(limit);
    caughtUpNanos = System.nanoTime();
    Map<String, Object> props = pipeline.kafkaProperties();
    Map<String, DialogueEvent> after = TopicSnapshot.latestPerKey(Topics.DIALOGUE_EVENTS, props, limit);
    ReplayReport report = ReplayReport.compare(before.get(), after, classifier.version(), versionsBefore,
        classified.get(), reextracted.get());
    log.info("{} in {} s", report.summaryLine(), String.format("%.1f", elapsedSeconds()));
    return report;
  }

  /** From the start of the replay command's pipeline to now. */
  public double elapsedSeconds() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  /** From the classifier's start at the beginning of the archive until it and the sink had caught up. */
  public double processingSeconds() {
    return (caughtUpNanos - rewoundNanos.get()) / 1e9;
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
