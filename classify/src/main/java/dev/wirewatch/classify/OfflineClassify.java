package dev.wirewatch.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.schema.json.AvroJson;
import dev.wirewatch.schema.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.Objects;

/**
 * {@code wirewatch classify}: JSON Lines in (objects with id, source, url, title, publishedAt, text and optional
 * dateline and language — what {@code wirewatch extract} prints), one verdict line out per input line, same
 * order: {@code {"id","isDialogue","confidence","classifierVersion","dialogue": <record> | null}}. Blank lines
 * are skipped.
 *
 * <p>Bad input stops the run at the first line that is not a usable article: invalid UTF-8 (a binary file),
 * a line longer than {@link #MAX_LINE_BYTES}, malformed JSON, a missing or mistyped field. The verdicts of the
 * lines before it are written; the {@link BadInputException} names the input and the line.
 */
public final class OfflineClassify {

  /** Longest input line: twice the largest record the archive holds, so any archived article fits. */
  public static final int MAX_LINE_BYTES = 2 * Topics.MAX_MESSAGE_BYTES;

  private OfflineClassify() {
  }

  /**
   * Classifies every line of {@code in} (UTF-8 bytes) and writes the verdicts to {@code out} (flushed, not
   * closed).
   *
   * @param inputName the input as messages name it: a file name, or "standard input"
   * @return the number of articles classified
   * @throws BadInputException on the first line that is not a usable article; lines before it are written
   */
  public static long run(InputStream in, String inputName, Writer out, DialogueClassifier classifier)
      throws IOException, BadInputException {
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(classifier, "classifier");
    Utf8Lines lines = new Utf8Lines(in, inputName, MAX_LINE_BYTES);
    long count = 0;
    String line;
    while ((line = lines.next()) != null) {
      if (line.isBlank()) {
        continue;
      }
      ArticleInput article = parse(line, lines.where());
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

  /** One input line as an article; {@code where} names the line in messages ("in.jsonl line 3"). */
  static ArticleInput parse(String line, String where) throws BadInputException {
    JsonNode node;
    try {
      node = AvroJson.MAPPER.readTree(line);
    } catch (JsonProcessingException e) {
      throw new BadInputException(where + ": not valid JSON (" + oneLine(e.getOriginalMessage()) + ")");
    }
    if (node == null || !node.isObject()) {
      throw new BadInputException(where + ": expected a JSON object with id and text");
    }
    String id = text(node, "id", where, true);
    if (id.isBlank()) {
      throw new BadInputException(where + ": \"id\" must not be blank");
    }
    return new ArticleInput(id, text(node, "source", where, false), text(node, "url", where, false),
        text(node, "title", where, false), text(node, "publishedAt", where, false), text(node, "dateline", where, false),
        text(node, "language", where, false), text(node, "text", where, true));
  }

  private static String text(JsonNode node, String field, String where, boolean required) throws BadInputException {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new BadInputException(where + ": missing \"" + field + "\"");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new BadInputException(where + ": \"" + field + "\" must be a string, got " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
    }
    return v.asText();
  }

  /** A parser message on one line, and short: it may quote the input. */
  private static String oneLine(String message) {
    String flat = String.valueOf(message).replaceAll("\\s+", " ");
    return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
  }
}
