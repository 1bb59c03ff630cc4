package dev.wirewatch.bench;

import dev.wirewatch.app.Pipeline;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.app.replay.ReplayReport;
import dev.wirewatch.app.replay.ReplayRun;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.TopicProvisioner;
import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.classify.streams.ClassifyTopology;
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Replay time for an archive of 100,000 articles (5% on-topic copy from the corpus, the rest ordinary wire
 * copy), beside the time a plain pass-through topology takes over the same archive in the same run (target
 * ratio <= 1.2). The archive is first classified once, so the replay is the re-run ops do after a change.
 *
 * <p>Run from the repository root: {@code bench/run replay [articles]}
 */
public final class ReplayBenchmark {

  public static void main(String[] args) throws Exception {
    int articles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path dir = Files.createTempDirectory("wirewatch-bench-replay");
    System.out.println(Machine.describe());
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("broker"))) {
      Map<String, Object> props = kafka.clientProperties();
      TopicProvisioner.ensureTopics(props, 1, (short) -1);
      List<RawArticle> archive = BenchArchive.mixed(articles, 0.05, BenchArchive.CORPUS);
      BenchArchive.produce(props, archive);
      try (Admin admin = Admin.create(props)) {
        admin.createTopics(List.of(new NewTopic("bench-pass-through", 1, (short) 1))).all().get();
      }

      StreamsBuilder builder = new StreamsBuilder();
      builder.stream(Topics.RAW_ARTICLES.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
          .to("bench-pass-through", Produced.with(Serdes.String(), Serdes.ByteArray()));
      double pass = StreamsRun.secondsToConsumeArchive(builder.build(),
          ClassifyTopology.streamsProperties(props, "bench-pass-through", dir.resolve("streams-pass")), props).fromStart();

      WirewatchConfig config = WirewatchConfig.of(Map.of(
          "kafka.bootstrap.servers", kafka.bootstrapServers(),
          "data.dir", dir.resolve("data").toString(),
          "http.port", "0"), List.of());
      Pipeline.Options classifyAndSink = Pipeline.Options.defaults().withStages(EnumSet.of(Pipeline.Stage.CLASSIFY, Pipeline.Stage.SINK));
      ArchiveClassifier classifier = ArchiveClassifier.of(DialogueClassifier.standard());
      long t0 = System.nanoTime();
      try (Pipeline first = Pipeline.start(config, classifyAndSink.withClassifier(classifier))) {
        first.awaitDrained(Duration.ofHours(2));
      }
      double initial = (System.nanoTime() - t0) / 1e9;

      // The replayed build differs as a real change would: it no longer knows one tone word and one counterpart.
      DialogueClassifier changed = DialogueClassifier.withResources(Map.of(
          "tone.tsv", without(DialogueClassifier.shippedResource("tone.tsv"), "candid\t"),
          "counterparts.tsv", without(DialogueClassifier.shippedResource("counterparts.tsv"), "NL\t")));
      double replaySeconds;
      double processingSeconds;
      ReplayReport report;
      try (ReplayRun replay = ReplayRun.start(config, classifyAndSink, ArchiveClassifier.of(changed), null, Duration.ofHours(2))) {
        report = replay.awaitCaughtUp(Duration.ofHours(2));
        replaySeconds = replay.elapsedSeconds();
        processingSeconds = replay.processingSeconds();
      }
      System.out.printf("archive: %d articles, %.1f MB of text (5%% on-topic)%n", articles, BenchArchive.textBytes(archive) / 1e6);
      System.out.printf("pass-through topology: %.1f s%n", pass);
      System.out.printf("first classification (classify + sink, from start-up): %.1f s%n", initial);
      System.out.printf("replay, classify application start to caught up (as the pass-through is timed): %.1f s, ratio to pass-through %.2f%n",
          processingSeconds, processingSeconds / pass);
      System.out.printf("replay command as a whole (start-up, snapshots, rewind, processing, report): %.1f s%n", replaySeconds);
      System.out.println(report.summaryLine());
    }
    System.exit(0);
  }

  private static String without(String text, String linePrefix) {
    return text.lines().filter(l -> !l.startsWith(linePrefix)).collect(java.util.stream.Collectors.joining("\n", "", "\n"));
  }
}
