package dev.wirewatch.sink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.json.AvroJson;
import dev.wirewatch.sink.Events;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventRowTest {

  @Test
  void columnsAreTakenFromTheEvent() throws Exception {
    // Given an event with two counterparts and a repeated mention
    DialogueEvent event = DialogueEvent.newBuilder(Events.event("EU", "2024-06-16", "HELD"))
        .setCounterparts(List.of("EU", "AFRICAN_UNION"))
        .setMentions(List.of(Events.mention("x", "xinhua", "+08:00"), Events.mention("x", "ecns", "+08:00")))
        .build();

    // When converted
    EventRow row = EventRow.from(event.getEventId(), event);

    // Then the columns hold its fields and the record holds the whole JSON
    assertEquals(",EU,AFRICAN_UNION,", row.counterparts());
    assertEquals(LocalDate.of(2024, 6, 16), row.startDate());
    assertEquals("Geneva", row.city());
    assertEquals(1, row.mentions().size(), "one row per article");
    assertEquals("xinhua", row.mentions().get(0).source());
    assertEquals(AvroJson.toJson(event), AvroJson.MAPPER.readTree(row.recordJson()));
  }

  @Test
  void aKeyThatDiffersFromTheEventIdIsRejected() {
    DialogueEvent event = Events.event("EU", "2024-06-16", "HELD");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventRow.from("other", event));
    assertTrue(e.getMessage().contains("other"));
  }

  @Test
  void aDateThatIsNotIsoIsRejected() {
    DialogueEvent event = DialogueEvent.newBuilder(Events.event("EU", "2024-06-16", "HELD")).setStartDate("June 2024")
        .build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventRow.from(null, event));
    assertTrue(e.getMessage().contains("startDate"));
  }
}
