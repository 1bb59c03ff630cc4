package dev.wirewatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.TopicProvisioner;
import dev.wirewatch.classify.ArticleInput;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.classify.streams.ClassifyTopology;
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Classifier figures: MB of article text (title and body, UTF-8) per second on one core, steady state, over the
 * labelled corpus (the worst case) and a realistic wire mix; and the classify topology's throughput against a plain
 * pass-through topology on the same embedded broker in the same run, as a ratio (targets: >= 20 MB/s, ratio >= 0.85).
 *
 * <p>Run from the repository root: {@code bench/run classify [articles]}
 */
public final class ClassifyBenchmark {

  public static void main(String[] args) throws Exception {
    int articles = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    DialogueClassifier classifier = DialogueClassifier.standard();
    System.out.println(Machine.describe());
    System.out.println("classifier " + classifier.version());

    List<ArticleInput> onTopic = BenchArchive.corpus(BenchArchive.CORPUS).stream().map(ClassifyBenchmark::input).toList();
    printMegabytesPerSecond("labelled corpus (dialogue reports and near-misses, the worst case)", classifier, onTopic);
    List<ArticleInput> mix = BenchArchive.mixed(4_000, 0.05, BenchArchive.CORPUS).stream().map(ClassifyBenchmark::input).toList();
    printMegabytesPerSecond("wire mix (5% on-topic)", classifier, mix);

    Path dataDir = Files.createTempDirectory("wirewatch-bench-classify");
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      TopicProvisioner.ensureTopics(kafka.clientProperties(), 1, (short) -1);
      List<RawArticle> archive = BenchArchive.mixed(articles, 0.05, BenchArchive.CORPUS);
      BenchArchive.produce(kafka.clientProperties(), archive);
      try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(kafka.clientProperties())) {
        admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("bench-pass-through", 1, (short) 1)))
            .all().get();
      }

      // Two rounds, alternating, each a fresh application. Compared: the steady-state rate (records committed per
      // second from 20% to 80% of the archive), the faster round of each; start-up (internal topics, stores) and the
      // tail (last commits, the classifier's repartition round trip) are printed apart, as total times.
      double pass = 0;
      double classify = 0;
      for (int round = 1; round <= 2; round++) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.RAW_ARTICLES.name(), Consumed.with(Serdes.String(), Serdes.ByteArray()))
            .to("bench-pass-through", Produced.with(Serdes.String(), Serdes.ByteArray()));
        Properties passProps = ClassifyTopology.streamsProperties(kafka.clientProperties(), "bench-pass-through-" + round,
            dataDir.resolve("streams-pass-" + round));
        StreamsRun.Seconds passRound = StreamsRun.secondsToConsumeArchive(builder.build(), passProps, kafka.clientProperties(), articles);
        Properties classifyProps = ClassifyTopology.streamsProperties(kafka.clientProperties(), "bench-classify-" + round,
            dataDir.resolve("streams-classify-" + round));
        StreamsRun.Seconds classifyRound = StreamsRun.secondsToConsumeArchive(ClassifyTopology.buildTopology(classifier), classifyProps,
            kafka.clientProperties(), articles);
        System.out.printf("  round %d: pass-through %.0f articles/s steady (%.2f s from start, %.2f s from RUNNING), "
                + "classify %.0f articles/s steady (%.2f s, %.2f s)%n", round, passRound.steadyRecordsPerSecond(), passRound.fromStart(),
            passRound.fromRunning(), classifyRound.steadyRecordsPerSecond(), classifyRound.fromStart(), classifyRound.fromRunning());
        pass = Math.max(pass, passRound.steadyRecordsPerSecond());
        classify = Math.max(classify, classifyRound.steadyRecordsPerSecond());
      }

      System.out.printf("topologies over %d archived articles (%.1f MB text, 5%% on-topic), exactly_once_v2, embedded broker:%n",
          articles, BenchArchive.textBytes(archive) / 1e6);
      System.out.printf("  pass-through: %.0f articles/s steady, the faster round%n", pass);
      System.out.printf("  classify:     %.0f articles/s steady, the faster round%n", classify);
      System.out.printf("  throughput ratio classify / pass-through: %.2f%n", classify / pass);
    }
    System.exit(0);
  }

  /**
   * Steady-state passes over {@code inputs} per second on this one thread: 8 s of warm-up, so the JIT has compiled
   * the rule engine, then three 3 s rounds; the median round.
   */
  private static double passesPerSecond(DialogueClassifier classifier, List<ArticleInput> inputs) {
    long warmUpEnd = System.nanoTime() + 8_000_000_000L;
    while (System.nanoTime() < warmUpEnd) {
      inputs.forEach(classifier::classify);
    }
    double[] rounds = new double[3];
    for (int r = 0; r < rounds.length; r++) {
      long passes = 0;
      long t0 = System.nanoTime();
      while (System.nanoTime() - t0 < 3_000_000_000L) {
        inputs.forEach(classifier::classify);
        passes++;
      }
      rounds[r] = passes / ((System.nanoTime() - t0) / 1e9);
    }
    java.util.Arrays.sort(rounds);
    return rounds[1];
  }

  /** UTF-8 bytes of every body, and of every title and body (the classifier reads both). */
  private static long[] textBytes(List<ArticleInput> inputs) {
    long body = 0;
    long title = 0;
    for (ArticleInput i : inputs) {
      body += i.text().getBytes(StandardCharsets.UTF_8).length;
      title += i.title() == null ? 0 : i.title().getBytes(StandardCharsets.UTF_8).length;
    }
    return new long[] {body, body + title};
  }

  private static void printMegabytesPerSecond(String what, DialogueClassifier classifier, List<ArticleInput> inputs) {
    double passes = passesPerSecond(classifier, inputs);
    long[] bytes = textBytes(inputs);
    System.out.printf("one core, %s: %.1f MB/s of title + body (%.1f MB/s counting bodies only)%n", what, passes * bytes[1] / 1e6,
        passes * bytes[0] / 1e6);
  }

  private static ArticleInput input(JsonNode a) {
    return new ArticleInput(a.path("id").asText(), a.path("source").asText(), a.path("url").asText(), a.path("title").asText(),
        a.path("publishedAt").asText(null), a.path("dateline").asText(null), a.path("language").asText(null), a.path("text").asText());
  }

  private static ArticleInput input(RawArticle a) {
    return new ArticleInput(a.getArticleId(), a.getSource(), a.getUrl(), a.getTitle(), a.getPublishedAt(), a.getDateline(),
        a.getLanguage(), a.getText());
  }
}
