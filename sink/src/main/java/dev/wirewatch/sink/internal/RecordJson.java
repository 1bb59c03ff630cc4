package dev.wirewatch.sink.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.json.AvroJson;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Reads a stored {@code record} column back into the JSON of DESIGN.md. PostgreSQL's JSONB does not keep
 * the key order, so fields are put back in the schema's order: the output of {@code events --format json}
 * then reads the same from both databases and from {@code AvroJson}.
 */
public final class RecordJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RecordJson() {
  }

  /** The stored JSON text of an event, with its fields in {@link DialogueEvent}'s schema order. */
  public static ObjectNode parse(String json) {
    JsonNode node;
    try {
      node = AvroJson.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored event record is not JSON: " + e.getOriginalMessage(), e);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalStateException("stored event record is not a JSON object");
    }
    return (ObjectNode) ordered(object, DialogueEvent.getClassSchema());
  }

  private static JsonNode ordered(JsonNode node, Schema schema) {
    switch (schema.getType()) {
      case RECORD:
        if (!node.isObject()) {
          return node;
        }
        ObjectNode out = NODES.objectNode();
        for (Schema.Field field : schema.getFields()) {
          JsonNode value = node.get(field.name());
          if (value != null) {
            out.set(field.name(), ordered(value, field.schema()));
          }
        }
        // Fields a newer writer added that this schema does not know yet are kept, after the known ones.
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
          if (!out.has(entry.getKey())) {
            out.set(entry.getKey(), entry.getValue());
          }
        }
        return out;
      case ARRAY:
        if (!node.isArray()) {
          return node;
        }
        ArrayNode array = NODES.arrayNode();
        node.forEach(item -> array.add(ordered(item, schema.getElementType())));
        return array;
      case UNION:
        // Unions are written bare; the only non-null branch that needs ordering is a record.
        for (Schema branch : schema.getTypes()) {
          if (branch.getType() == Schema.Type.RECORD && node.isObject()) {
            return ordered(node, branch);
          }
        }
        return node;
      default:
        return node;
    }
  }
}
