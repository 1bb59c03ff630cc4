package dev.wirewatch.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.TopicProvisioner;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.json.AvroJson;
import dev.wirewatch.schema.topic.DlqHeaders;
import dev.wirewatch.schema.topic.Topics;
import dev.wirewatch.sink.SinkHealth.State;
import dev.wirewatch.sink.internal.BatchObserver;
import dev.wirewatch.sink.internal.Database;
import dev.wirewatch.sink.internal.Tables;
import dev.wirewatch.sink.internal.EventRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink's behaviour against a real broker and a real database; subclasses supply the database
 * (SQLite, PostgreSQL). All tests of a class share one broker and its topic, so every test uses a fresh
 * database and a fresh consumer group, which read the whole topic: the expected database content is the
 * latest storable value per key over everything on the topic, computed here by reading the topic.
 */
abstract class EventSinkContract {

  static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
  private static final String TOPIC = Topics.DIALOGUE_EVENTS.name();

  @TempDir
  static Path brokerDir;
  static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.start(brokerDir);
    TopicProvisioner.ensureTopics(kafka.clientProperties(), 2, (short) -1);
  }

  @AfterAll
  static void stopBroker() {
    if (kafka != null) {
      kafka.close();
    }
  }

  /** Settings of a new, empty database for one test; the name tells tests apart. */
  abstract SinkSettings freshDatabase(String name) throws Exception;

  /** Quick batches and retries, a consumer group of its own. */
  static SinkSettings fast(SinkSettings settings) {
    return settings.withConsumerGroup("it-" + UUID.randomUUID())
        .withBatch(50, Duration.ofMillis(50))
        .withRetryBackoff(Duration.ofMillis(100), Duration.ofMillis(500));
  }

  @Test
  void storesEventsAppliesUpdatesAndTombstonesAndSkipsAbortedTransactions() throws Exception {
    // Given events of counterpart T1 in 2031, one later updated and one deleted, all in committed
    // transactions, and one more in an aborted transaction
    DialogueEvent kept = Events.event("T1", "2031-03-01", "ANNOUNCED");
    DialogueEvent deleted = Events.event("T1", "2031-04-01", "HELD");
    DialogueEvent other = Events.event("T2", "2031-05-01", "HELD");
    DialogueEvent aborted = Events.event("T1", "2031-06-01", "HELD");
    produceInTransaction(true, List.of(record(kept), record(deleted), record(other)));
    produceInTransaction(true, List.of(record(Events.withStatus(kept, "HELD")), tombstone(deleted.getEventId())));
    produceInTransaction(false, List.of(record(aborted)));
    SinkSettings settings = fast(freshDatabase("basic"));

    // When the sink drains the topic
    try (EventSink sink = new EventSink(settings, kafka.clientProperties())) {
      sink.start();
      assertTrue(sink.drain(WAIT), () -> "not drained: " + sink.health());
      assertEquals(State.RUNNING, sink.health().state());
    }

    // Then the database holds the latest version of each event, and nothing of the aborted transaction
    Map<String, ObjectNode> stored = storedState(settings);
    assertEquals(expectedState(), stored);
    assertEquals(AvroJson.toJson(Events.withStatus(kept, "HELD")), stored.get(kept.getEventId()));
    assertFalse(stored.containsKey(deleted.getEventId()));
    assertFalse(stored.containsKey(aborted.getEventId()));
    // And the mentions are rows of their own, gone with a deleted event
    assertEquals(2, count(settings, "SELECT COUNT(*) FROM event_mentions WHERE event_id = ?", kept.getEventId()));
    assertEquals(0, count(settings, "SELECT COUNT(*) FROM event_mentions WHERE event_id = ?", deleted.getEventId()));
    // And the stored offsets are the topic's end offsets
    assertEquals(endOffsets(), storedOffsets(settings));

    // And the store filters by counterpart, status and start date, ordered by start date
    try (EventStore store = EventStore.open(settings)) {
      assertEquals(List.of(kept.getEventId()), ids(store.query(new EventQuery(null, null, "t1", null))));
      assertEquals(List.of(kept.getEventId(), other.getEventId()), ids(store.query(
          new EventQuery(LocalDate.of(2031, 1, 1), LocalDate.of(2031, 12, 31), null, null))));
      assertEquals(List.of(other.getEventId()), ids(store.query(
          new EventQuery(LocalDate.of(2031, 3, 2), LocalDate.of(2031, 12, 31), null, "HELD"))));
      assertEquals(List.of(), ids(store.query(new EventQuery(null, null, "T1", "CANCELLED"))));
      assertEquals(stored.get(kept.getEventId()), store.get(kept.getEventId()).orElseThrow());
    }
  }

  @Test
  void aDrainWithLessThanThirtySecondsLeftWorks() throws Exception {
    // Regression: the Admin client behind drain() refused an API timeout below its 30 s request timeout,
    // so `run --once --drain-timeout 10s` always failed.
    DialogueEvent event = Events.event("T9", "2038-01-01", "HELD");
    produce(List.of(record(event)));
    SinkSettings settings = fast(freshDatabase("shortdrain"));

    // When the sink drains with a few seconds allowed
    try (EventSink sink = new EventSink(settings, kafka.clientProperties())) {
      sink.start();
      assertTrue(sink.drain(Duration.ofSeconds(20)), () -> "not drained: " + sink.health());
    }

    // Then everything is stored
    assertEquals(expectedState(), storedState(settings));
  }

  @Test
  void aNewGroupOverAFreshDatabaseReplaysToIdenticalTables() throws Exception {
    // Given events with updates and a tombstone
    DialogueEvent a = Events.event("T3", "2032-01-10", "ANNOUNCED");
    DialogueEvent b = Events.event("T3", "2032-02-10", "HELD");
    produce(List.of(record(a), record(b), record(Events.withStatus(a, "POSTPONED")), tombstone(b.getEventId()),
        record(b)));
    SinkSettings first = fast(freshDatabase("replay1"));
    SinkSettings second = fast(freshDatabase("replay2"));

    // When two sinks with their own groups and databases each read the topic
    drainOnce(first);
    drainOnce(second);

    // Then both databases hold the same rows, which are the topic's latest values
    assertEquals(expectedState(), storedState(first));
    assertEquals(tableRows(first, EVENT_ROWS), tableRows(second, EVENT_ROWS));
    assertEquals(tableRows(first, MENTION_ROWS), tableRows(second, MENTION_ROWS));
    assertFalse(tableRows(first, EVENT_ROWS).isEmpty());
  }

  @Test
  void aCrashAfterTheDatabaseCommitNeitherLosesNorRepeatsRecords() throws Exception {
    // Given eight more events on the topic
    List<ProducerRecord<String, DialogueEvent>> records = new ArrayList<>();
    for (int day = 1; day <= 8; day++) {
      records.add(record(Events.event("T4", "2033-01-0" + day, "HELD")));
    }
    produce(records);
    SinkSettings settings = fast(freshDatabase("crash")).withBatch(3, Duration.ofSeconds(30));
    AtomicInteger firstBatch = new AtomicInteger();
    BatchObserver crashAfterFirstBatch = (consumed, offsets) -> {
      if (consumed > 0 && firstBatch.compareAndSet(0, consumed)) {
        throw new IllegalStateException("injected crash after the database commit");
      }
    };

    // When the sink dies right after committing its first batch, before anything else
    try (EventSink sink = new EventSink(settings, kafka.clientProperties(), crashAfterFirstBatch)) {
      sink.start();
      awaitTrue(() -> sink.health().state() == State.FAILED, "sink did not crash");
      assertTrue(sink.health().lastError().contains("injected crash"), sink.health().lastError());
    }
    assertTrue(firstBatch.get() >= 3, "a batch is written once it holds batchSize records");
    assertTrue(count(settings, "SELECT COUNT(*) FROM events WHERE event_id <> ?", "") > 0, "first batch stored");

    // And a new sink starts on the same database and group
    SinkSettings restarted = settings.withBatch(50, Duration.ofMillis(50));
    try (EventSink sink = new EventSink(restarted, kafka.clientProperties())) {
      sink.start();
      assertTrue(sink.drain(WAIT), () -> "not drained: " + sink.health());
      // Then it read exactly the records after the committed batch: nothing twice, nothing skipped
      int total = topicRecordCount();
      awaitTrue(() -> sink.health().recordsConsumed() == total - firstBatch.get(),
          () -> "consumed " + sink.health().recordsConsumed() + ", expected " + (total - firstBatch.get()));
    }
    // And the rows are the distinct events of the topic with identical content
    assertEquals(expectedState(), storedState(settings));
  }

  @Test
  void recordsThatCanNeverBeStoredGoToTheDeadLetterTopicAndTheRestIsStored() throws Exception {
    // Given, in one transaction, bytes that are no event, an event the database's check refuses
    // (confidence above 1), an event with a date that is no date, and a good event
    String badBytesKey = "t5/not-avro/" + UUID.randomUUID();
    DialogueEvent refused = DialogueEvent.newBuilder(Events.event("T5", "2034-01-01", "HELD")).setConfidence(1.5).build();
    DialogueEvent badDate = DialogueEvent.newBuilder(Events.event("T5", "2034-02-01", "HELD")).setStartDate("2034-02-30")
        .build();
    DialogueEvent good = Events.event("T5", "2034-03-01", "HELD");
    produceRaw(badBytesKey, "not an avro record".getBytes(StandardCharsets.UTF_8));
    produceInTransaction(true, List.of(record(refused), record(badDate), record(good)));
    SinkSettings settings = fast(freshDatabase("dlq"));

    // When the sink drains the topic
    try (EventSink sink = new EventSink(settings, kafka.clientProperties())) {
      sink.start();
      assertTrue(sink.drain(WAIT), () -> "not drained: " + sink.health());
      assertTrue(sink.health().deadLetters() >= 3, () -> "dead letters: " + sink.health());
    }

    // Then the good event is stored, the others are not
    Map<String, ObjectNode> stored = storedState(settings);
    assertEquals(expectedState(), stored);
    assertTrue(stored.containsKey(good.getEventId()));
    assertFalse(stored.containsKey(refused.getEventId()));
    assertFalse(stored.containsKey(badDate.getEventId()));
    // And each bad record is on the dead-letter topic with its origin and reason
    Map<String, Map<String, String>> letters = deadLetters();
    for (String key : List.of(badBytesKey, refused.getEventId(), badDate.getEventId())) {
      Map<String, String> headers = letters.get(key);
      assertTrue(headers != null, () -> "no dead letter for " + key + " in " + letters.keySet());
      assertEquals("sink", headers.get(DlqHeaders.STAGE));
      assertEquals(TOPIC, headers.get(DlqHeaders.TOPIC));
      assertTrue(headers.get(DlqHeaders.OFFSET).matches("\\d+"), headers.toString());
      assertTrue(headers.get(DlqHeaders.PARTITION).matches("\\d+"), headers.toString());
      assertFalse(headers.get(DlqHeaders.MESSAGE).isBlank(), headers.toString());
    }
    assertTrue(letters.get(refused.getEventId()).get(DlqHeaders.EXCEPTION).contains("RecordRejected"),
        letters.get(refused.getEventId()).toString());
  }

  @Test
  void oneRefusedRecordInALargeBatchIsTheOnlyDeadLetterAndTheOthersAreStored() throws Exception {
    // Given, in one transaction, 60 good events and one the database's check refuses (confidence below 0)
    // in the middle, and a sink whose batches hold all of them, so that they meet in one batched write
    List<ProducerRecord<String, DialogueEvent>> records = new ArrayList<>();
    for (int day = 0; day < 60; day++) {
      records.add(record(Events.event("T9", LocalDate.of(2038, 1, 1).plusDays(day).toString(), "HELD")));
    }
    DialogueEvent refused = DialogueEvent.newBuilder(Events.event("T9", "2038-12-31", "HELD")).setConfidence(-0.5)
        .build();
    records.add(30, record(refused));
    produceInTransaction(true, records);
    SinkSettings settings = fast(freshDatabase("bigbatch")).withBatch(5_000, Duration.ofMillis(200));

    // When the sink drains the topic
    try (EventSink sink = new EventSink(settings, kafka.clientProperties())) {
      sink.start();
      assertTrue(sink.drain(WAIT), () -> "not drained: " + sink.health());

      // Then the dead letters are the unstorable records of the topic, no more: the refused one, and those
      // other tests put on the shared topic before
      long unstorable = topicRecords().stream().filter(EventSinkContract::isUnstorable).count();
      assertEquals(unstorable, sink.health().deadLetters(), () -> "dead letters: " + sink.health());
    }
    // And every good event is stored with its mentions, the refused one is not
    Map<String, ObjectNode> stored = storedState(settings);
    assertEquals(expectedState(), stored);
    assertFalse(stored.containsKey(refused.getEventId()));
    for (ProducerRecord<String, DialogueEvent> record : records) {
      if (record.value() != refused) {
        assertEquals(2, count(settings, "SELECT COUNT(*) FROM event_mentions WHERE event_id = ?", record.key()),
            record.key());
      }
    }
    Map<String, String> letter = deadLetters().get(refused.getEventId());
    assertTrue(letter != null, "no dead letter for the refused event");
    assertTrue(letter.get(DlqHeaders.EXCEPTION).contains("RecordRejected"), letter.toString());
  }

  @Test
  void twoInstancesOfOneGroupShareThePartitionsAndOneDatabase() throws Exception {
    // Given events on both partitions and two sinks of one group writing to one database
    List<ProducerRecord<String, DialogueEvent>> records = new ArrayList<>();
    for (int day = 1; day <= 9; day++) {
      records.add(record(Events.event("T7", "2036-01-0" + day, "HELD")));
    }
    produce(records);
    SinkSettings settings = fast(freshDatabase("shared"));

    // When both run (the second one's arrival rebalances the group) until the topic is drained
    try (EventSink first = new EventSink(settings, kafka.clientProperties());
        EventSink second = new EventSink(settings, kafka.clientProperties())) {
      first.start();
      second.start();
      assertTrue(first.drain(WAIT), () -> "not drained: " + first.health());
      assertTrue(second.drain(WAIT), () -> "not drained: " + second.health());
    }

    // Then the database holds every event once, and the offsets reached the end
    assertEquals(expectedState(), storedState(settings));
    assertEquals(endOffsets(), storedOffsets(settings));
  }

  // ---------------------------------------------------------------- helpers

  static final String EVENT_ROWS = "SELECT event_id, format, counterparts, status, round, start_date, end_date, city,"
      + " country, classifier_version, confidence, record, kafka_partition, kafka_offset FROM events ORDER BY event_id";
  static final String MENTION_ROWS = "SELECT event_id, article_id, source, url, published_at, title FROM event_mentions"
      + " ORDER BY event_id, article_id";

  static ProducerRecord<String, DialogueEvent> record(DialogueEvent event) {
    return new ProducerRecord<>(TOPIC, event.getEventId(), event);
  }

  static ProducerRecord<String, DialogueEvent> tombstone(String eventId) {
    return new ProducerRecord<>(TOPIC, eventId, null);
  }

  static List<String> ids(List<ObjectNode> events) {
    return events.stream().map(e -> e.get("eventId").asText()).filter(id -> !id.isEmpty()).toList();
  }

  static void drainOnce(SinkSettings settings) {
    try (EventSink sink = new EventSink(settings, kafka.clientProperties())) {
      sink.start();
      assertTrue(sink.drain(WAIT), () -> "not drained: " + sink.health());
    }
  }

  /** With an idempotent producer. */
  static void produce(List<ProducerRecord<String, DialogueEvent>> records) throws Exception {
    try (KafkaProducer<String, DialogueEvent> producer = producer(null)) {
      for (ProducerRecord<String, DialogueEvent> record : records) {
        producer.send(record).get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** In one transaction, committed or aborted. */
  static void produceInTransaction(boolean commit, List<ProducerRecord<String, DialogueEvent>> records) {
    try (KafkaProducer<String, DialogueEvent> producer = producer("it-" + UUID.randomUUID())) {
      producer.initTransactions();
      producer.beginTransaction();
      records.forEach(producer::send);
      if (commit) {
        producer.commitTransaction();
      } else {
        producer.flush();
        producer.abortTransaction();
      }
    }
  }

  static void produceRaw(String key, byte[] value) throws Exception {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
    }
  }

  private static KafkaProducer<String, DialogueEvent> producer(String transactionalId) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    if (transactionalId != null) {
      props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    }
    return new KafkaProducer<>(props, new StringSerializer(), Topics.DIALOGUE_EVENTS.valueSerde().serializer());
  }

  /** Every committed record of the topic, in partition and offset order. */
  static List<ConsumerRecord<String, byte[]>> topicRecords() {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo info : consumer.partitionsFor(TOPIC)) {
        partitions.add(new TopicPartition(TOPIC, info.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plus(WAIT);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          fail("topic not read to its end " + ends);
        }
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
      }
    }
    return records;
  }

  static int topicRecordCount() {
    return topicRecords().size();
  }

  /** Whether the sink must send this record to the dead-letter topic (tombstones are storable). */
  static boolean isUnstorable(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return false;
    }
    try {
      DialogueEvent event = Topics.DIALOGUE_EVENTS.valueSerde().deserializer().deserialize(TOPIC, record.value());
      EventRow.from(record.key(), event);
      return event.getConfidence() < 0 || event.getConfidence() > 1;
    } catch (RuntimeException unstorable) {
      return true;
    }
  }

  /** The latest storable value per key over the whole topic, as the JSON the store returns. */
  static Map<String, ObjectNode> expectedState() {
    Map<String, ObjectNode> state = new LinkedHashMap<>();
    for (ConsumerRecord<String, byte[]> record : topicRecords()) {
      if (record.value() == null) {
        state.remove(record.key());
        continue;
      }
      DialogueEvent event;
      try {
        event = Topics.DIALOGUE_EVENTS.valueSerde().deserializer().deserialize(TOPIC, record.value());
        EventRow.from(record.key(), event);
      } catch (RuntimeException unstorable) {
        continue; // a dead letter: the stored state stays as it was
      }
      if (event.getConfidence() >= 0 && event.getConfidence() <= 1) {
        state.put(record.key(), AvroJson.toJson(event));
      }
    }
    return state;
  }

  static Map<String, ObjectNode> storedState(SinkSettings settings) {
    Map<String, ObjectNode> state = new LinkedHashMap<>();
    try (EventStore store = EventStore.open(settings)) {
      for (ObjectNode event : store.query(EventQuery.all())) {
        assertEquals(null, state.put(event.get("eventId").asText(), event), "one row per event");
      }
    }
    return state;
  }

  static Map<Integer, Long> endOffsets() {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
          .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
      Map<Integer, Long> ends = new HashMap<>();
      consumer.endOffsets(partitions).forEach((p, end) -> ends.put(p.partition(), end));
      return ends;
    }
  }

  static Map<Integer, Long> storedOffsets(SinkSettings settings) throws SQLException {
    Map<Integer, Long> offsets = new HashMap<>();
    try (Connection connection = Database.of(settings).connect();
        PreparedStatement select = connection.prepareStatement(
            "SELECT kafka_partition, next_offset FROM sink_offsets WHERE consumer_group = ? AND topic = ?")) {
      select.setString(1, settings.consumerGroup());
      select.setString(2, TOPIC);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          offsets.put(rows.getInt(1), rows.getLong(2));
        }
      }
    }
    return offsets;
  }

  static long count(SinkSettings settings, String sql, String parameter) throws SQLException {
    try (Connection connection = Database.of(settings).connect();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, parameter);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  static List<List<String>> tableRows(SinkSettings settings, String sql) throws SQLException {
    return Tables.rows(Database.of(settings), sql);
  }

  /** Headers (as text) of the dead letters on wirewatch-dlq, by record key; the last one per key wins. */
  static Map<String, Map<String, String>> deadLetters() {
    Map<String, Map<String, String>> letters = new HashMap<>();
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.DLQ.name()).stream()
          .map(info -> new TopicPartition(Topics.DLQ.name(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Instant deadline = Instant.now().plus(WAIT);
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
        if (Instant.now().isAfter(deadline)) {
          fail("dead-letter topic not read to its end " + ends);
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          Map<String, String> headers = new HashMap<>();
          record.headers().forEach(h -> headers.put(h.key(),
              h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)));
          letters.put(record.key(), headers);
        }
      }
    }
    return letters;
  }

  static void awaitTrue(BooleanSupplier condition, String message) {
    awaitTrue(condition, () -> message);
  }

  static void awaitTrue(BooleanSupplier condition, java.util.function.Supplier<String> message) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        fail(message.get());
      }
      // Poll interval: the conditions are cheap, but the broker and the sink share two cores with us.
      LockSupport.parkNanos(POLL_INTERVAL.toNanos());
    }
  }
}
