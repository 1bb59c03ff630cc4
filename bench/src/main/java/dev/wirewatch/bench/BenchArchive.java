package dev.wirewatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Archives for the benchmarks: the labelled corpus (on-topic text, the classifier's worst case) and ordinary
 * wire copy generated here, mixed at a chosen share and copied under distinct ids up to the size wanted.
 */
final class BenchArchive {

  static final Path CORPUS = Path.of("classify/src/test/resources/corpus");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SUBJECTS = {"port throughput", "grain purchases", "rail passenger numbers",
      "factory output", "retail sales", "reservoir levels", "new energy vehicle exports", "tourist arrivals"};

  private BenchArchive() {
  }

  /** The corpus articles (classify input lines), read from the repository checkout. */
  static List<JsonNode> corpus(Path dir) {
    List<JsonNode> articles = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList()) {
        for (String line : Files.readAllLines(file)) {
          if (!line.isBlank()) {
            articles.add(JSON.readTree(line));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the corpus in " + dir.toAbsolutePath() + " (run from the repository root)", e);
    }
    return articles;
  }

  /**
   * {@code size} raw articles, {@code onTopicShare} of them copies of corpus articles, the rest ordinary news.
   */
  static List<RawArticle> mixed(int size, double onTopicShare, Path corpusDir) {
    List<JsonNode> corpus = corpus(corpusDir);
    List<RawArticle> archive = new ArrayList<>(size);
    int onTopicEvery = onTopicShare <= 0 ? Integer.MAX_VALUE : (int) Math.round(1 / onTopicShare);
    for (int i = 0; i < size; i++) {
      if (i % onTopicEvery == 0) {
        JsonNode a = corpus.get((i / onTopicEvery) % corpus.size());
        archive.add(raw("bench-" + i, a.path("source").asText("xinhua"), a.path("title").asText(),
            a.path("publishedAt").asText(null), a.path("dateline").asText(null), a.path("language").asText("en"),
            a.path("text").asText()));
      } else {
        String subject = SUBJECTS[i % SUBJECTS.length];
        String text = "BEIJING, June " + (1 + i % 28) + " (Xinhua) -- China's " + subject + " rose in the latest month, "
            + "official data showed on Monday, as demand held up across the eastern provinces.\n\n"
            + "Analysts said the figures pointed to a steady second half, while cautioning that export orders "
            + "remained uneven. Report number " + i + ".\n\n"
            + "The statistics bureau will publish revised figures at the end of the quarter.";
        archive.add(raw("bench-" + i, "xinhua", "China's " + subject + " rise, report " + i,
            "2024-06-" + String.format("%02d", 1 + i % 28) + "T10:00:00+08:00", "BEIJING, June " + (1 + i % 28) + " (Xinhua)", "en", text));
      }
    }
    return archive;
  }

  static long textBytes(List<RawArticle> archive) {
    return archive.stream().mapToLong(a -> a.getText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
  }

  static void produce(Map<String, Object> clientProps, List<RawArticle> archive) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put("enable.idempotence", true);
    props.put("linger.ms", 20);
    props.put("batch.size", 256 * 1024);
    try (KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(props,
        Topics.RAW_ARTICLES.keySerde().serializer(), Topics.RAW_ARTICLES.valueSerde().serializer())) {
      for (RawArticle a : archive) {
        producer.send(new ProducerRecord<>(Topics.RAW_ARTICLES.name(), a.getArticleId(), a));
      }
      producer.flush();
    }
  }

  private static RawArticle raw(String id, String source, String title, String publishedAt, String dateline,
      String language, String text) {
    return RawArticle.newBuilder()
        .setArticleId(id)
        .setSource(source)
        .setUrl("https://bench.invalid/" + id)
        .setTitle(title)
        .setPublishedAt(publishedAt)
        .setDateline(dateline)
        .setLanguage(language)
        .setText(text)
        .setExtractorVersion(source + "/1")
        .setFetchedAt(0)
        .setContentHash(id)
        .build();
  }
}
