package dev.wirewatch.app.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.app.Stages;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.json.AvroJson;
import dev.wirewatch.sink.EventQuery;
import dev.wirewatch.sink.EventStore;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Events as the database holds them, and topic events in the same JSON form, for comparing the two. */
final class StoredEvents {

  private StoredEvents() {
  }

  static Map<String, ObjectNode> json(Map<String, DialogueEvent> events) {
    Map<String, ObjectNode> json = new TreeMap<>();
    events.forEach((id, e) -> json.put(id, AvroJson.toJson(e)));
    return json;
  }

  static Map<String, ObjectNode> stored(WirewatchConfig config) {
    try (EventStore store = EventStore.open(Stages.sinkSettings(config))) {
      return store.query(new EventQuery(null, null, null, null)).stream()
          .collect(Collectors.toMap(e -> e.path("eventId").asText(), e -> e, (a, b) -> a, TreeMap::new));
    }
  }
}
