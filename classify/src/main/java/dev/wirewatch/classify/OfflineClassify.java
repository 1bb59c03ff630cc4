package dev.wirewatch.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.schema.json.AvroJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.Objects;

/**
 * {@code wirewatch classify}: JSON Lines in (objects with id, source, url, title, publishedAt, text and optional
 * dateline and language — what {@code wirewatch extract} prints), one verdict line out per input line, same
 * order: {@code {"id","isDialogue","confidence","classifierVersion","dialogue": <record> | null}}. Blank lines
 * are skipped.
 */
public final class OfflineClassify {

  private OfflineClassify() {
  }

  /**
   * Classifies every line of {@code in} and writes the verdicts to {@code out} (flushed, not closed).
   *
   * @return the number of articles classified
   * @throws BadInputException on the first line that is not a usable article; lines before it are written
   */
  public static long run(Reader in, Writer out, DialogueClassifier classifier) throws IOException, BadInputException {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(classifier, "classifier");
    BufferedReader reader = in instanceof BufferedReader b ? b : new BufferedReader(in);
    long lineNo = 0;
    long count = 0;
    String line;
    while ((line = reader.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      ArticleInput article = parse(line, lineNo);
      out.write(toJson(classifier.classify(article)));
      out.write('\n');
      count++;
    }
    out.flush();
    return count;
  }

  /** The output line of one verdict, without the newline. */
  public static String toJson(Verdict verdict) {
    ObjectNode node = AvroJson.MAPPER.createObjectNode();
    node.put("id", verdict.id());
    node.put("isDialogue", verdict.isDialogue());
    node.put("confidence", verdict.confidence());
    node.put("classifierVersion", verdict.classifierVersion());
    if (verdict.dialogue() == null) {
      node.putNull("dialogue");
    } else {
      node.set("dialogue", AvroJson.toJson(verdict.dialogue()));
    }
    return node.toString();
  }

  static ArticleInput parse(String line, long lineNo) throws BadInputException {
    JsonNode node;
    try {
      node = AvroJson.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadInputException("line " + lineNo + ": not valid JSON (" + e.getOriginalMessage().replaceAll("\\s+", " ") + ")");
    }
    if (node == null || !node.isObject()) {
      throw new BadInputException("line " + lineNo + ": expected a JSON object with id and text");
    }
    String id = text(node, "id", lineNo, true);
    if (id.isBlank()) {
      throw new BadInputException("line " + lineNo + ": \"id\" must not be blank");
    }
    return new ArticleInput(id, text(node, "source", lineNo, false), text(node, "url", lineNo, false),
        text(node, "title", lineNo, false), text(node, "publishedAt", lineNo, false), text(node, "dateline", lineNo, false),
        text(node, "language", lineNo, false), text(node, "text", lineNo, true));
  }

  private static String text(JsonNode node, String field, long lineNo, boolean required) throws BadInputException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new BadInputException("line " + lineNo + ": missing \"" + field + "\"");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new BadInputException("line " + lineNo + ": \"" + field + "\" must be a string, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return v.asText();
  }
}
