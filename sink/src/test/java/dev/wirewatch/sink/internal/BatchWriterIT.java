package dev.wirewatch.sink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.Mention;
import dev.wirewatch.schema.topic.Topics;
import dev.wirewatch.sink.Events;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The batch writer against real databases (a SQLite file; PostgreSQL at 127.0.0.1:5432, database test,
 * user postgres, skipped when absent unless CI=true): the batched fast path stores what writing each
 * change on its own stores, and a refused record among good ones is named and kept out, the rest stored.
 */
class BatchWriterIT {

  private static final String TOPIC = Topics.DIALOGUE_EVENTS.name();
  private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  private static final Instant NOW = Instant.parse("2024-06-18T12:45:15Z");
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:"
      + Integer.getInteger("wirewatch.test.postgres.port", 5432) + "/test";
  private static final String EVENT_ROWS = "SELECT event_id, format, counterparts, status, round, start_date,"
      + " end_date, city, country, classifier_version, confidence, record, kafka_partition, kafka_offset"
      + " FROM events ORDER BY event_id";
  private static final String MENTION_ROWS = "SELECT event_id, article_id, source, url, published_at, title"
      + " FROM event_mentions ORDER BY event_id, article_id";
  private static final List<String> schemas = new ArrayList<>();

  @TempDir
  Path dir;

  @AfterAll
  static void dropSchemas() throws SQLException {
    if (schemas.isEmpty()) {
      return;
    }
    try (Connection connection = postgresAdmin(); Statement statement = connection.createStatement()) {
      for (String schema : schemas) {
        // Test-made names (see database), never data.
        statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void manyEventsAndMentionsStoreAsIfEachChangeWereWrittenOnItsOwn(String kind) throws Exception {
    // Given two fresh databases and two batches: 240 new events with 0 to 4 mentions each, then 80 of
    // them updated with other mentions, 40 deleted, 20 deleted though never stored, and 120 new
    Database batched = database(kind, "batched");
    Database oneByOne = database(kind, "onebyone");
    List<Change> first = new ArrayList<>();
    for (int i = 0; i < 240; i++) {
      first.add(upsert(event(i, "HELD", i % 5), i));
    }
    List<Change> second = new ArrayList<>();
    long offset = first.size();
    for (int i = 0; i < 80; i++) {
      second.add(upsert(event(i * 3, "POSTPONED", (i + 2) % 5), offset++));
    }
    for (int i = 0; i < 40; i++) {
      second.add(tombstone(event(i * 3 + 1, "HELD", 0).getEventId(), offset++));
    }
    for (int i = 0; i < 20; i++) {
      second.add(tombstone("cn-never/human-rights-dialogue/" + i, offset++));
    }
    for (int i = 240; i < 360; i++) {
      second.add(upsert(event(i, "ANNOUNCED", i % 5), offset++));
    }

    // When one writer stores each list as one batch and the other stores every change as its own batch
    try (BatchWriter writer = new BatchWriter(batched, "it", TOPIC)) {
      writer.write(first, List.of(new OffsetMove(0, null, first.size())), NOW);
      writer.write(second, List.of(new OffsetMove(0, (long) first.size(), offset)), NOW);
      assertEquals(0, writer.rowByRowBatches(), "no batch should have needed the slow path");
    }
    try (BatchWriter writer = new BatchWriter(oneByOne, "it", TOPIC)) {
      Long stored = null;
      for (Change change : concat(first, second)) {
        writer.write(List.of(change), List.of(new OffsetMove(0, stored, change.offset() + 1)), NOW);
        stored = change.offset() + 1;
      }
    }

    // Then both databases hold the same rows, offsets included
    List<List<String>> events = rows(batched, EVENT_ROWS);
    List<List<String>> mentions = rows(batched, MENTION_ROWS);
    assertEquals(rows(oneByOne, EVENT_ROWS), events);
    assertEquals(rows(oneByOne, MENTION_ROWS), mentions);
    assertEquals(offsets(oneByOne), offsets(batched));
    assertEquals(Map.of(0, offset), offsets(batched));
    // And they are the rows the changes call for: 240 + 120 - 40 events, each with its latest mentions
    assertEquals(320, events.size());
    int expectedMentions = 0;
    for (Change change : concat(first, second)) {
      boolean replaced = second.stream().anyMatch(later -> later != change && later.eventId().equals(change.eventId()));
      if (!change.isDelete() && !replaced) {
        expectedMentions += change.row().mentions().size();
      }
    }
    assertEquals(expectedMentions, mentions.size());
    assertEquals(List.of("cn-x0/human-rights-dialogue/2000-01-01", "cn-x0/human-rights-dialogue/2000-01-01:a0",
        "cn-x0/human-rights-dialogue/2000-01-01:b0"),
        List.of(events.get(0).get(0), mentions.get(0).get(0) + ":" + mentions.get(0).get(1),
            mentions.get(1).get(0) + ":" + mentions.get(1).get(1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void aRefusedRecordAmongGoodOnesIsNamedAndTheGoodOnesAreStored(String kind) throws Exception {
    // Given a buffer of 200 good events and, among them, two the database refuses (confidence outside 0..1)
    Database database = database(kind, "refused");
    RecordBuffer buffer = new RecordBuffer();
    List<String> refusedIds = new ArrayList<>();
    for (int i = 0; i < 202; i++) {
      DialogueEvent event = event(i, "HELD", 2);
      if (i == 57 || i == 158) {
        event = DialogueEvent.newBuilder(event).setConfidence(i == 57 ? 1.5 : -0.25).build();
        refusedIds.add(event.getEventId());
      }
      buffer.add(upsert(event, i), NOW);
    }

    try (BatchWriter writer = new BatchWriter(database, "it", TOPIC)) {
      // When it is written the way the sink does: a refused change moves to the dead letters, then again
      List<OffsetMove> moves = List.of(new OffsetMove(0, null, 202));
      RecordRejectedException first = assertThrows(RecordRejectedException.class,
          () -> writer.write(buffer.changes(), moves, NOW));

      // Then the first refused change is named, and nothing of the batch was stored
      assertEquals(refusedIds.get(0), first.change().eventId());
      assertEquals(57, first.change().offset());
      assertEquals(List.of(), rows(database, EVENT_ROWS));
      assertEquals(Map.of(), offsets(database));

      assertTrue(buffer.reject(first.change(), first));
      RecordRejectedException second = assertThrows(RecordRejectedException.class,
          () -> writer.write(buffer.changes(), moves, NOW));
      assertEquals(refusedIds.get(1), second.change().eventId());
      assertTrue(buffer.reject(second.change(), second));
      writer.write(buffer.changes(), moves, NOW);

      // And the 200 good events are stored with their mentions, the offsets moved past the refused ones
      List<List<String>> events = rows(database, EVENT_ROWS);
      assertEquals(200, events.size());
      assertTrue(events.stream().noneMatch(row -> refusedIds.contains(row.get(0))), "a refused event was stored");
      assertEquals(400, rows(database, MENTION_ROWS).size());
      assertEquals(Map.of(0, 202L), offsets(database));
      // And only the two refused records are dead letters, each with the database's reason
      List<DeadLetter> letters = buffer.deadLetters();
      assertEquals(2, letters.size());
      assertEquals(List.of(57L, 158L), letters.stream().map(DeadLetter::offset).toList());
      assertSame(first, letters.get(0).reason());
      // And the fast path was given up only to find each refused record, not for the last, good batch
      assertEquals(2, writer.rowByRowBatches());
    }
  }

  private Database database(String kind, String name) throws SQLException {
    Database database;
    if (kind.equals("sqlite")) {
      String url = "jdbc:sqlite:" + dir.resolve(name + ".db");
      database = new Database(url, null, null, url);
    } else {
      String schema = "sink_writer_it_" + name + "_" + UUID.randomUUID().toString().substring(0, 8);
      try (Connection connection = postgresAdmin(); Statement statement = connection.createStatement()) {
        statement.execute("CREATE SCHEMA " + schema);
      }
      schemas.add(schema);
      String url = POSTGRES + "?currentSchema=" + schema;
      database = new Database(url, "postgres", null, url);
    }
    database.migrate();
    return database;
  }

  private static Connection postgresAdmin() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", "postgres");
    props.setProperty("connectTimeout", "5");
    try {
      return DriverManager.getConnection(POSTGRES, props);
    } catch (SQLException e) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("PostgreSQL not reachable at " + POSTGRES + " (CI=true: it is required there)", e);
      }
      assumeTrue(false, "PostgreSQL not reachable at " + POSTGRES + ": " + e.getMessage());
      throw e;
    }
  }

  /** Event number {@code i}: a distinct start date and {@code mentions} mentions whose ids depend on i. */
  private static DialogueEvent event(int i, String status, int mentions) {
    String startDate = LocalDate.of(2000, 1, 1).plusDays(i).toString();
    DialogueEvent base = Events.event("X" + (i % 7), startDate, status);
    List<Mention> list = new ArrayList<>();
    for (int m = 0; m < mentions; m++) {
      list.add(Events.mention((char) ('a' + m) + String.valueOf(i), m % 2 == 0 ? "xinhua" : "ecns", "+08:00"));
    }
    return DialogueEvent.newBuilder(base).setRound(i % 40).setMentions(list).build();
  }

  private static Change upsert(DialogueEvent event, long offset) {
    byte[] value = Topics.DIALOGUE_EVENTS.valueSerde().serializer().serialize(TOPIC, event);
    return new Change(event.getEventId(), EventRow.from(event.getEventId(), event), P0, offset,
        event.getEventId().getBytes(StandardCharsets.UTF_8), value);
  }

  private static Change tombstone(String eventId, long offset) {
    return new Change(eventId, null, P0, offset, eventId.getBytes(StandardCharsets.UTF_8), null);
  }

  private static List<Change> concat(List<Change> a, List<Change> b) {
    List<Change> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<List<String>> rows(Database database, String sql) throws SQLException {
    return Tables.rows(database, sql);
  }

  private static Map<Integer, Long> offsets(Database database) throws SQLException {
    try (Connection connection = database.connect()) {
      return BatchWriter.readOffsets(connection, "it", TOPIC);
    }
  }
}
