package dev.wirewatch.app.cli;

import dev.wirewatch.app.Pipeline;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.ingest.PollSummary;
import java.time.Duration;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code wirewatch run}: the whole pipeline, continuously or once. */
@Command(name = "run", description = "Run the pipeline: poll feeds, classify, store events. Ctrl-C stops it cleanly.")
final class RunCommand extends ConfiguredCommand {

  private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

  @Option(names = "--once", description = "Poll every feed once, wait until every event is stored, and exit 0.")
  boolean once;

  @Mixin
  StageOptions stageOptions = new StageOptions();

  @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "5m",
      description = "With --once: longest wait for classify and sink to finish (default: ${DEFAULT-VALUE}).")
  String drainTimeout;

  @Override
  int run(WirewatchConfig config) throws InterruptedException {
    Duration timeout = WirewatchConfig.parseDuration(drainTimeout, "--drain-timeout");
    Set<Pipeline.Stage> stages = stageOptions.selected(config);
    // The stop handler goes in before any Kafka client starts: a signal during start-up closes them cleanly.
    try (Pipeline pipeline = Pipeline.create(config, Pipeline.Options.defaults().withStages(stages));
        StopOnSignal signal = new StopOnSignal(pipeline)) {
      pipeline.start();
      if (once) {
        String summary = describe(pipeline.runOnce(timeout));
        log.info("One pass done: {}", summary);
        err().println("wirewatch: one pass done: " + summary);
      } else {
        pipeline.startIngestLoop();
        log.info("wirewatch running; Ctrl-C stops it");
        signal.await();
      }
    }
    return Main.OK;
  }

  private static String describe(PollSummary s) {
    if (s == null) {
      return "no feeds polled by this process (ingest not among its stages)";
    }
    return String.format("%d feeds polled (%d failed, see ./wirewatch feeds), %d items seen, %d new articles, %d changed, %d pages failed",
        s.feedsPolled(), s.feedsFailed(), s.itemsSeen(), s.articlesNew(), s.articlesChanged(), s.articlesFailed());
  }
}
