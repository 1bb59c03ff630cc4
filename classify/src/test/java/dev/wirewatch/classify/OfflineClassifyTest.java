package dev.wirewatch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.schema.json.AvroJson;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfflineClassifyTest {

  private final DialogueClassifier classifier = DialogueClassifier.standard();

  private static String line(ArticleInput a) {
    ObjectNode o = AvroJson.MAPPER.createObjectNode();
    o.put("id", a.id()).put("source", a.source()).put("url", a.url()).put("title", a.title()).put("publishedAt", a.publishedAt())
        .put("dateline", a.dateline()).put("language", a.language()).put("text", a.text());
    return o.toString();
  }

  @Test
  void oneVerdictLinePerInputLineInOrder() throws Exception {
    // Given extract-shaped lines: a dialogue, a near-miss, and a blank line
    String input = line(Articles.usDialogue2012()) + "\n\n" + line(Articles.whitePaper()) + "\n";
    StringWriter out = new StringWriter();

    // When
    long n = OfflineClassify.run(new StringReader(input), out, classifier);

    // Then
    assertEquals(2, n);
    List<String> lines = out.toString().lines().toList();
    assertEquals(2, lines.size());
    JsonNode first = AvroJson.MAPPER.readTree(lines.get(0));
    assertEquals(List.of("id", "isDialogue", "confidence", "classifierVersion", "dialogue"), iterable(first));
    assertEquals("xinhua-us-2012", first.get("id").asText());
    assertTrue(first.get("isDialogue").asBoolean());
    assertEquals(classifier.version(), first.get("classifierVersion").asText());
    assertEquals("2012-07-23", first.get("dialogue").get("startDate").asText());
    assertEquals("Washington", first.get("dialogue").get("location").get("city").asText());
    JsonNode second = AvroJson.MAPPER.readTree(lines.get(1));
    assertFalse(second.get("isDialogue").asBoolean());
    assertTrue(second.get("dialogue").isNull());
  }

  @Test
  void malformedJsonNamesTheLine() {
    // Given a good line then a broken one
    String input = line(Articles.whitePaper()) + "\n{\"id\": \"x\", \"text\": \n";

    // When
    BadInputException e = assertThrows(BadInputException.class,
        () -> OfflineClassify.run(new StringReader(input), new StringWriter(), classifier));

    // Then
    assertTrue(e.getMessage().startsWith("line 2: not valid JSON"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void missingTextAndWrongTypesAreBadInput() {
    // Given / When / Then
    assertEquals("line 1: missing \"text\"", assertThrows(BadInputException.class,
        () -> OfflineClassify.run(new StringReader("{\"id\":\"a\"}"), new StringWriter(), classifier)).getMessage());
    assertEquals("line 1: \"id\" must be a string, got number", assertThrows(BadInputException.class,
        () -> OfflineClassify.run(new StringReader("{\"id\":1,\"text\":\"\"}"), new StringWriter(), classifier)).getMessage());
    assertEquals("line 1: expected a JSON object with id and text", assertThrows(BadInputException.class,
        () -> OfflineClassify.run(new StringReader("[1,2]"), new StringWriter(), classifier)).getMessage());
  }

  private static List<String> iterable(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
