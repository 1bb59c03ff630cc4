package dev.wirewatch.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wirewatch.schema.json.AvroJson;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Single-thread throughput of {@link DialogueClassifier#classify} over the labelled corpus, repeated: every corpus
 * article is on-topic (human rights and a dialogue word), so this is the worst case for the classifier, not the
 * average wire mix. Counts the UTF-8 bytes of title and body. Warms up for 3 s, then measures for about 5 s.
 * Reports MB per CPU-second of the measuring thread (so other load on the machine does not skew it) and per
 * wall-clock second. A developer tool: run its {@code main} (argument: corpus directory, default
 * {@code src/test/resources/corpus}).
 */
public final class ClassifierThroughput {

  private ClassifierThroughput() {
  }

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "src/test/resources/corpus");
    List<ArticleInput> articles = load(dir);
    long bytesPerPass = 0;
    for (ArticleInput a : articles) {
      bytesPerPass += a.text().getBytes(StandardCharsets.UTF_8).length
          + (a.title() == null ? 0 : a.title().getBytes(StandardCharsets.UTF_8).length);
    }
    DialogueClassifier classifier = DialogueClassifier.standard();
    int sink = run(classifier, articles, 3_000_000_000L)[1];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long[] measured = measure(classifier, articles, 5_000_000_000L);
    double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    double seconds = measured[0] / 1e9;
    double mb = measured[1] * (double) bytesPerPass / 1e6;
    // A developer tool: its output is the point, like the CLI's. CPU time is this thread's own, so the figure holds
    // on a machine busy with other work; wall time is printed next to it.
    System.out.printf(Locale.ROOT, "articles=%d bytes/pass=%d passes=%d wall=%.2fs cpu=%.2fs throughput=%.1f MB/s per CPU-second"
            + " (%.1f MB/s wall) articles/s=%.0f (checksum %d)%n",
        articles.size(), bytesPerPass, measured[1], seconds, cpuSeconds, mb / cpuSeconds, mb / seconds,
        measured[1] * articles.size() / cpuSeconds, sink + measured[2]);
  }

  /** {nanos, passes, positives} of whole passes until {@code budgetNanos} elapsed. */
  private static long[] measure(DialogueClassifier classifier, List<ArticleInput> articles, long budgetNanos) {
    long start = System.nanoTime();
    long passes = 0;
    long positives = 0;
    while (System.nanoTime() - start < budgetNanos) {
      for (ArticleInput a : articles) {
        if (classifier.classify(a).isDialogue()) {
          positives++;
        }
      }
      passes++;
    }
    return new long[] {System.nanoTime() - start, passes, positives};
  }

  private static int[] run(DialogueClassifier classifier, List<ArticleInput> articles, long budgetNanos) {
    long[] r = measure(classifier, articles, budgetNanos);
    return new int[] {(int) r[1], (int) r[2]};
  }

  private static List<ArticleInput> load(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    List<ArticleInput> out = new ArrayList<>();
    for (Path file : files) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode o = AvroJson.MAPPER.readTree(line);
        out.add(new ArticleInput(o.path("id").asText(), str(o, "source"), str(o, "url"), str(o, "title"), str(o, "publishedAt"),
            str(o, "dateline"), str(o, "language"), o.path("text").asText("")));
      }
    }
    return out;
  }

  private static String str(JsonNode o, String f) {
    JsonNode v = o.get(f);
    return v == null || v.isNull() ? null : v.asText();
  }
}
