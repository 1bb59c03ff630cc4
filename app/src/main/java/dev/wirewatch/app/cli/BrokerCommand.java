package dev.wirewatch.app.cli;

import dev.wirewatch.app.config.Settings;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.EmbeddedKafkaException;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch broker}: the real single-node KRaft broker of the embedded default, alone in the foreground, so
 * that the stages can run as separate processes ({@code run --stage ...}) against it on one machine.
 */
@Command(name = "broker", description = "Run the embedded single-node Kafka broker (KRaft) on its own, in the foreground,"
    + " for trying the multi-process layout on one machine. Ctrl-C stops it.")
final class BrokerCommand extends ConfiguredCommand {

  @Option(names = "--port", paramLabel = "P",
      description = "Port of the broker's listener on 127.0.0.1 (default: the previous start's, else a free one).")
  int port;

  @Override
  int run(WirewatchConfig config) throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new UserError("--port must be between 1 and 65535, was " + port);
    }
    if (!config.embeddedKafka()) {
      throw new UserError("wirewatch broker starts its own Kafka broker; unset " + Settings.BOOTSTRAP_SERVERS
          + " (now " + config.get(Settings.BOOTSTRAP_SERVERS) + ") for this command");
    }
    EmbeddedKafka kafka;
    try {
      kafka = EmbeddedKafka.start(config.dataDir(), port);
    } catch (EmbeddedKafkaException e) {
      throw new UserError("cannot start the broker: " + e.getMessage(), e);
    }
    try (StopOnSignal signal = new StopOnSignal(kafka)) {
      PrintWriter out = out();
      out.println("Kafka broker ready at " + kafka.bootstrapServers() + " (data in " + config.dataDir().resolve("kafka")
          + "); Ctrl-C stops it.");
      out.println("Run the stages against it, each in its own terminal, e.g.:");
      out.println("  WIREWATCH_KAFKA_BOOTSTRAP_SERVERS=" + kafka.bootstrapServers()
          + " ./wirewatch run --stage ingest --set http.port=8081");
      out.flush();
      signal.await();
    }
    return Main.OK;
  }
}
