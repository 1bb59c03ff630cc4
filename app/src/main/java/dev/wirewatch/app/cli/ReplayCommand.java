package dev.wirewatch.app.cli;

import dev.wirewatch.app.KafkaAccess;
import dev.wirewatch.app.Pipeline;
import dev.wirewatch.app.Reextraction;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.app.replay.Replay;
import dev.wirewatch.app.replay.ReplayReport;
import dev.wirewatch.app.replay.ReplayRun;
import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.classify.DialogueClassifier;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch replay}: classify the whole archive again with this build's classifier while live
 * ingestion goes on; {@code --dry-run} prints what would change without writing anything.
 */
@Command(name = "replay", description = "Reprocess raw-articles with this build's classifier; topics and database converge on its answer.")
final class ReplayCommand extends ConfiguredCommand {

  private static final Logger log = LoggerFactory.getLogger(ReplayCommand.class);

  @Option(names = "--dry-run", description = "Print what would change (events added, retracted, changed) and write nothing.")
  boolean dryRun;

  @Option(names = "--once", description = "Exit once the replay has caught up (feeds are polled once meanwhile); else keep running like run.")
  boolean once;

  @Mixin
  StageOptions stageOptions = new StageOptions();

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2h",
      description = "Longest wait for the replay to catch up (default: ${DEFAULT-VALUE}).")
  String timeout;

  @Override
  int run(WirewatchConfig config) throws InterruptedException {
    Duration limit = WirewatchConfig.parseDuration(timeout, "--timeout");
    AtomicInteger reextracted = new AtomicInteger();
    ArchiveClassifier classifier = Reextraction.classifier(DialogueClassifier.standard(), reextracted);
    if (dryRun) {
      try (KafkaAccess kafka = KafkaAccess.open(config)) {
        Replay.plan(kafka.clientProperties(), classifier, limit).report().print(out(), true);
      }
      return Main.OK;
    }
    Set<Pipeline.Stage> stages = stageOptions.selected(config);
    if (!stages.contains(Pipeline.Stage.CLASSIFY)) {
      throw new UserError("--stage must include classify: the replay is the classifier's");
    }
    // The stop handler goes in before any Kafka client starts: a signal during start-up closes them cleanly.
    try (ReplayRun replay = ReplayRun.create(config, Pipeline.Options.defaults().withStages(stages), classifier, reextracted, limit);
        StopOnSignal signal = new StopOnSignal(replay)) {
      replay.start();
      if (once) {
        replay.pipeline().runOnce(limit);
      } else {
        replay.pipeline().startIngestLoop();
      }
      ReplayReport report = replay.awaitCaughtUp(limit);
      report.print(out(), false);
      out().printf("Replay caught up in %.1f s%n", replay.elapsedSeconds());
      out().flush();
      if (!once) {
        log.info("Replay done; wirewatch keeps running. Ctrl-C stops it");
        signal.await();
      }
    }
    return Main.OK;
  }
}
