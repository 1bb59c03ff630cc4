package dev.wirewatch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.schema.json.AvroJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
    long n = run(input, out);

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
        () -> run(input, new StringWriter()));

    // Then
    assertTrue(e.getMessage().startsWith("in.jsonl line 2: not valid JSON"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void missingTextAndWrongTypesAreBadInput() {
    // Given / When / Then
    assertEquals("in.jsonl line 1: missing \"text\"", assertThrows(BadInputException.class,
        () -> run("{\"id\":\"a\"}", new StringWriter())).getMessage());
    assertEquals("in.jsonl line 1: \"id\" must be a string, got number", assertThrows(BadInputException.class,
        () -> run("{\"id\":1,\"text\":\"\"}", new StringWriter())).getMessage());
    assertEquals("in.jsonl line 1: expected a JSON object with id and text", assertThrows(BadInputException.class,
        () -> run("[1,2]", new StringWriter())).getMessage());
  }

  @Test
  void invalidUtf8NamesTheInputAndTheLineAndStops() {
    // Given a good line, then a line with a Latin-1 byte (regression: "failed: Input length = 1", exit 1)
    byte[] good = (line(Articles.whitePaper()) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"id\":\"b\",\"text\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] input = concat(good, bad);
    StringWriter out = new StringWriter();

    // When
    BadInputException e = assertThrows(BadInputException.class,
        () -> OfflineClassify.run(new ByteArrayInputStream(input), "in.jsonl", out, classifier));

    // Then the first verdict was written and the message names the line and the byte
    assertEquals(1, out.toString().lines().count());
    assertTrue(e.getMessage().startsWith("in.jsonl line 2: not UTF-8 text (byte 0xE9 at byte 22 of the line)"), e.getMessage());
  }

  @Test
  void aBinaryFileStopsAtItsFirstLine() {
    // Given the start of a PNG image
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
    BadInputException e = assertThrows(BadInputException.class,
        () -> OfflineClassify.run(new ByteArrayInputStream(png), "image.png", new StringWriter(), classifier));
    assertTrue(e.getMessage().startsWith("image.png line 1: not UTF-8 text"), e.getMessage());
  }

  @Test
  void aLineLongerThanTheLimitIsRefusedWithoutReadingItWhole() {
    // Given a "line" without end, longer than the limit (a file of zeros, a minified dump)
    java.io.InputStream endless = new java.io.InputStream() {
      @Override
      public int read() {
        return 'x';
      }
    };
    BadInputException e = assertThrows(BadInputException.class,
        () -> OfflineClassify.run(endless, "dump", new StringWriter(), classifier));
    assertEquals("dump line 1: longer than " + OfflineClassify.MAX_LINE_BYTES + " bytes (is it JSON Lines?)", e.getMessage());
  }

  @Test
  void crlfLineEndsAndAByteOrderMarkAreAccepted() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] input = concat(bom, (line(Articles.whitePaper()) + "\r\n" + line(Articles.whitePaper()) + "\r\n")
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(2, OfflineClassify.run(new ByteArrayInputStream(input), "in.jsonl", new StringWriter(), classifier));
  }

  private long run(String input, StringWriter out) throws IOException, BadInputException {
    return OfflineClassify.run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), "in.jsonl", out, classifier);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static List<String> iterable(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
