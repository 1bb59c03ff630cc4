package dev.wirewatch.bench;

import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.TopicProvisioner;
import dev.wirewatch.schema.CoChair;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.Location;
import dev.wirewatch.schema.Mention;
import dev.wirewatch.schema.topic.Topics;
import dev.wirewatch.sink.EventSink;
import dev.wirewatch.sink.SinkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Sink figures: rows/s into SQLite and into PostgreSQL for 100,000 events on dialogue-events, each beside the
 * rate of a plain consumer reading the same topic (the ratio is the figure).
 *
 * <p>Run: {@code bench/run sink [events] [postgresJdbcUrl]} (default URL: jdbc:postgresql://127.0.0.1:5432/test?user=postgres)
 */
public final class SinkBenchmark {

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    String postgres = args.length > 1 ? args[1] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    Path dataDir = Files.createTempDirectory("wirewatch-bench-sink");
    System.out.println(Machine.describe());
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      TopicProvisioner.ensureTopics(kafka.clientProperties(), 1, (short) -1);
      produce(kafka.clientProperties(), events);
      double plain = plainConsumerSeconds(kafka.clientProperties(), events);
      System.out.printf("plain consumer: %d records in %.2f s = %.0f records/s%n", events, plain, events / plain);

      double sqlite = sinkSeconds(kafka.clientProperties(), SinkSettings.sqlite(dataDir.resolve("bench.db")).withConsumerGroup("bench-sqlite"));
      System.out.printf("sink into SQLite: %.2f s = %.0f rows/s, ratio to plain consumer %.2f%n", sqlite, events / sqlite, plain / sqlite);

      String schema = "bench_" + System.currentTimeMillis();
      try (Connection c = DriverManager.getConnection(postgres); Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA " + schema);
      } catch (SQLException e) {
        System.out.println("sink into PostgreSQL: skipped, " + postgres + " not reachable: " + e.getMessage());
        System.exit(0);
      }
      String url = postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema;
      double pg = sinkSeconds(kafka.clientProperties(), SinkSettings.of(url).withConsumerGroup("bench-postgres"));
      System.out.printf("sink into PostgreSQL: %.2f s = %.0f rows/s, ratio to plain consumer %.2f%n", pg, events / pg, plain / pg);
      try (Connection c = DriverManager.getConnection(postgres); Statement st = c.createStatement()) {
        st.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
    System.exit(0);
  }

  private static double sinkSeconds(Map<String, Object> props, SinkSettings settings) {
    long t0 = System.nanoTime();
    try (EventSink sink = new EventSink(settings.withBatch(2_000, Duration.ofMillis(200)), props)) {
      sink.start();
      if (!sink.drain(Duration.ofMinutes(30))) {
        throw new IllegalStateException("sink did not finish: " + sink.health());
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static double plainConsumerSeconds(Map<String, Object> clientProps, int expected) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    long t0 = System.nanoTime();
    int seen = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition tp = new TopicPartition(Topics.DIALOGUE_EVENTS.name(), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      while (seen < expected) {
        // Decode like the sink does, so the comparison is of storage cost only.
        for (var r : consumer.poll(Duration.ofMillis(200))) {
          Topics.DIALOGUE_EVENTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
          seen++;
        }
      }
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void produce(Map<String, Object> clientProps, int events) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put("linger.ms", 20);
    props.put("batch.size", 256 * 1024);
    try (KafkaProducer<String, DialogueEvent> producer = new KafkaProducer<>(props,
        Topics.DIALOGUE_EVENTS.keySerde().serializer(), Topics.DIALOGUE_EVENTS.valueSerde().serializer())) {
      for (int i = 0; i < events; i++) {
        DialogueEvent e = event(i);
        producer.send(new ProducerRecord<>(Topics.DIALOGUE_EVENTS.name(), e.getEventId(), e));
      }
      producer.flush();
    }
  }

  private static DialogueEvent event(int i) {
    String start = LocalDate.of(1990, 1, 1).plusDays(i).toString();
    return DialogueEvent.newBuilder()
        .setEventId("cn-x" + (i % 50) + "/human-rights-dialogue/" + start)
        .setFormat("dialogue")
        .setCounterparts(List.of("EU"))
        .setStatus("HELD")
        .setRound(i % 40)
        .setStartDate(start)
        .setEndDate(start)
        .setLocation(Location.newBuilder().setCity("Brussels").setCountry("BE").build())
        .setCoChairs(List.of(CoChair.newBuilder().setName("Official " + i).setSide("CN").build()))
        .setConfidence(0.9)
        .setClassifierVersion("bench")
        .setMentions(List.of(Mention.newBuilder().setArticleId("a" + i).setSource("xinhua").setUrl("https://bench.invalid/" + i).build()))
        .build();
  }
}
