package dev.wirewatch.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.schema.serde.SchemaHistory;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic value schema must stay backward- and forward-compatible with the version before it, checked
 * with Avro's own compatibility checker, and every committed version must be recorded in the history so
 * that readers can decode records written by any release.
 */
class SchemaCompatibilityTest {

  static Stream<Class<? extends SpecificRecord>> topicValues() {
    return Stream.of(RawArticle.class, FeedStatus.class, DialogueMention.class, DialogueEvent.class);
  }

  @ParameterizedTest
  @MethodSource("topicValues")
  void currentSchemaIsRecordedAsTheLatestHistoryVersion(Class<? extends SpecificRecord> type) throws Exception {
    Schema current = schemaOf(type);
    List<Schema> history = SchemaHistory.versions(current.getName());
    assertFalse(history.isEmpty(), "no history for " + current.getName());
    assertEquals(current, history.get(history.size() - 1), current.getName() + " changed: check compatibility and add it as "
        + "schemas/src/main/resources/dev/wirewatch/schema/history/" + current.getName() + ".v" + (history.size() + 1) + ".avsc");
  }

  @ParameterizedTest
  @MethodSource("topicValues")
  void everyVersionIsBackwardAndForwardCompatibleWithThePreviousOne(Class<? extends SpecificRecord> type) throws Exception {
    Schema current = schemaOf(type);
    List<Schema> versions = new java.util.ArrayList<>(SchemaHistory.versions(current.getName()));
    if (!versions.get(versions.size() - 1).equals(current)) {
      versions.add(current);
    }
    for (int i = 1; i < versions.size(); i++) {
      Schema older = versions.get(i - 1);
      Schema newer = versions.get(i);
      assertCompatible(newer, older, current.getName() + " v" + (i + 1) + " reading v" + i + " (backward)");
      assertCompatible(older, newer, current.getName() + " v" + i + " reading v" + (i + 1) + " (forward)");
    }
  }

  @org.junit.jupiter.api.Test
  void theCheckerCatchesAnIncompatibleChange() {
    // Given a version that adds a required field without a default
    Schema v1 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}");
    Schema v2 = new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"},"
        + "{\"name\":\"b\",\"type\":\"int\"}]}");
    // Then the new reader cannot read old data
    assertEquals(SchemaCompatibilityType.INCOMPATIBLE,
        SchemaCompatibility.checkReaderWriterCompatibility(v2, v1).getType());
  }

  private static void assertCompatible(Schema reader, Schema writer, String what) {
    SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    assertTrue(result.getType() == SchemaCompatibilityType.COMPATIBLE, what + ": " + result.getDescription());
  }

  private static Schema schemaOf(Class<? extends SpecificRecord> type) throws ReflectiveOperationException {
    return (Schema) type.getField("SCHEMA$").get(null);
  }
}
