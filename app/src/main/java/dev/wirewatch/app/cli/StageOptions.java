package dev.wirewatch.app.cli;

import dev.wirewatch.app.Pipeline;
import dev.wirewatch.app.config.WirewatchConfig;
import java.util.EnumSet;
import java.util.Set;
import picocli.CommandLine.Option;

/** The {@code --stage} option of the commands that run the pipeline, and its one rule. */
final class StageOptions {

  @Option(names = "--stage", split = ",", paramLabel = "STAGE",
      description = "Run only these stages (ingest, classify, sink), e.g. to scale them out as separate processes against one cluster.")
  Set<Pipeline.Stage> stages = EnumSet.allOf(Pipeline.Stage.class);

  /** The selected stages; a subset needs an external Kafka, since the embedded broker lives in one process. */
  Set<Pipeline.Stage> selected(WirewatchConfig config) {
    if (stages.size() < Pipeline.Stage.values().length && config.embeddedKafka()) {
      throw new UserError("--stage needs an external Kafka (kafka.bootstrap.servers): the embedded broker lives in one process");
    }
    return stages;
  }
}
