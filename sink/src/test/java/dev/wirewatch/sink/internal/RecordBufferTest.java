package dev.wirewatch.sink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.sink.Events;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class RecordBufferTest {

  private static final TopicPartition P0 = new TopicPartition("dialogue-events", 0);
  private static final TopicPartition P1 = new TopicPartition("dialogue-events", 1);
  private static final Instant T0 = Instant.parse("2024-06-18T12:00:00Z");

  @Test
  void theLastRecordPerKeyWinsAndKeepsItsPlace() {
    // Given a buffer with a, b, then a again and a tombstone for b
    RecordBuffer buffer = new RecordBuffer();
    buffer.add(upsert("a", P0, 0, "HELD"), T0);
    buffer.add(upsert("b", P0, 1, "HELD"), T0.plusMillis(5));
    buffer.add(upsert("a", P0, 2, "POSTPONED"), T0.plusMillis(10));
    buffer.add(new Change("b", null, P0, 3, null, null), T0.plusMillis(15));

    // When the changes are taken
    List<Change> changes = buffer.changes();

    // Then each key appears once, with its latest record, in the order the latest records came
    assertEquals(2, changes.size());
    assertEquals("a", changes.get(0).eventId());
    assertEquals("POSTPONED", changes.get(0).row().status());
    assertEquals(2, changes.get(0).offset());
    assertEquals("b", changes.get(1).eventId());
    assertTrue(changes.get(1).isDelete());
    assertEquals(4, buffer.consumed(), "every consumed record counts towards the batch size");
    assertEquals(T0, buffer.firstAt());
  }

  @Test
  void aRejectedChangeBecomesADeadLetter() {
    // Given two buffered events
    RecordBuffer buffer = new RecordBuffer();
    Change bad = upsert("a", P0, 0, "HELD");
    buffer.add(bad, T0);
    buffer.add(upsert("b", P0, 1, "HELD"), T0);

    // When the database rejects one
    buffer.reject(bad, new IllegalStateException("check constraint"));

    // Then it is a dead letter with its coordinates and the other stays
    assertEquals(List.of("b"), buffer.changes().stream().map(Change::eventId).toList());
    assertEquals(1, buffer.deadLetters().size());
    assertEquals(0, buffer.deadLetters().get(0).offset());
    assertEquals(P0, buffer.deadLetters().get(0).partition());
  }

  @Test
  void revokedPartitionsAreDiscarded() {
    // Given records of two partitions
    RecordBuffer buffer = new RecordBuffer();
    buffer.add(upsert("a", P0, 0, "HELD"), T0);
    buffer.add(upsert("b", P1, 0, "HELD"), T0);
    buffer.addDeadLetter(new DeadLetter(P1, 1, null, new byte[] {1}, new IllegalArgumentException("bad")), T0);

    // When partition 1 is revoked
    buffer.discard(List.of(P1));

    // Then only partition 0's record remains
    assertEquals(List.of("a"), buffer.changes().stream().map(Change::eventId).toList());
    assertTrue(buffer.deadLetters().isEmpty());

    // And discarding the rest empties the buffer
    buffer.discard(List.of(P0));
    assertTrue(buffer.isEmpty());
    assertNull(buffer.firstAt());
  }

  private static Change upsert(String key, TopicPartition partition, long offset, String status) {
    EventRow row = EventRow.from(null, Events.withStatus(Events.event("EU", "2024-06-16", "HELD"), status));
    EventRow keyed = new EventRow(key, row.format(), row.counterparts(), row.status(), row.round(), row.startDate(),
        row.endDate(), row.city(), row.country(), row.classifierVersion(), row.confidence(), row.recordJson(),
        row.mentions());
    return new Change(key, keyed, partition, offset, key.getBytes(), new byte[0]);
  }
}
