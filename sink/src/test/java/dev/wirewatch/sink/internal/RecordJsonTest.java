package dev.wirewatch.sink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.json.AvroJson;
import dev.wirewatch.sink.Events;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

  @Test
  void keysComeBackInSchemaOrderWhateverTheStoredOrder() {
    // Given an event's JSON with keys sorted the way PostgreSQL JSONB returns them (by length)
    DialogueEvent event = Events.event("EU", "2024-06-16", "HELD");
    ObjectNode expected = AvroJson.toJson(event);
    String shuffled = "{\"tone\":[\"frank\"],\"round\":7," + expected.toString().substring(1)
        .replace("\"tone\":[\"frank\"],", "").replace("\"round\":7,", "");

    // When parsed
    ObjectNode parsed = RecordJson.parse(shuffled);

    // Then it equals AvroJson's output, keys in the same order at every level
    assertEquals(expected.toString(), parsed.toString());
    assertEquals(names(expected), names(parsed));
  }

  private static List<String> names(ObjectNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
