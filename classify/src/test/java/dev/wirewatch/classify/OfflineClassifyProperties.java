package dev.wirewatch.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Hostile input for {@code wirewatch classify}'s reader: whatever the bytes, a run ends in verdicts or in one
 * {@link BadInputException} of the documented form ("NAME line N: reason", one line), within a bounded time,
 * never another exception. Every try classifies what it can, so these also run the classifier on junk.
 */
class OfflineClassifyProperties {

  private static final DialogueClassifier CLASSIFIER = DialogueClassifier.standard();
  private static final Pattern DOCUMENTED = Pattern.compile("in\\.jsonl line (\\d+): [^\\n]+");
  private static final Duration BOUND = Duration.ofSeconds(20);

  @Property(tries = 300)
  void arbitraryBytesEndInVerdictsOrOneLineNamingTheLine(@ForAll @Size(max = 4096) byte[] input) {
    assertEndsWell(input);
  }

  @Property(tries = 200)
  void arbitraryJsonLinesEndInVerdictsOrOneLineNamingTheLine(@ForAll("jsonLines") String input) {
    assertEndsWell(input.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 200)
  void wellFormedArticlesWithArbitraryTextAlwaysGetAVerdict(@ForAll("articles") List<String> lines) {
    // Given lines that are valid articles whatever their text
    byte[] input = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);

    // Then every one of them gets a verdict line
    StringWriter out = new StringWriter();
    long count = assertTimeoutPreemptively(BOUND,
        () -> OfflineClassify.run(new ByteArrayInputStream(input), "in.jsonl", out, CLASSIFIER));
    assertEquals(lines.stream().filter(l -> !l.isBlank()).count(), count);
    assertEquals(count, out.toString().lines().count());
  }

  private static void assertEndsWell(byte[] input) {
    StringWriter out = new StringWriter();
    assertTimeoutPreemptively(BOUND, () -> {
      try {
        long count = OfflineClassify.run(new ByteArrayInputStream(input), "in.jsonl", out, CLASSIFIER);
        assertEquals(count, out.toString().lines().count());
      } catch (BadInputException e) {
        Matcher m = DOCUMENTED.matcher(e.getMessage());
        assertTrue(m.matches(), "not the documented one-line form: " + e.getMessage());
        long line = Long.parseLong(m.group(1));
        assertTrue(line >= 1 && line <= count(input, '\n') + 1, e.getMessage());
        // The verdicts of the lines before the bad one were written
        assertTrue(out.toString().lines().count() < line, e.getMessage());
      }
    });
  }

  private static long count(byte[] bytes, char c) {
    long n = 0;
    for (byte b : bytes) {
      n += b == c ? 1 : 0;
    }
    return n;
  }

  @Provide
  Arbitrary<String> jsonLines() {
    return json(3).list().ofMaxSize(6).map(values -> String.join("\n", values));
  }

  /** Any JSON value, often an object with the article's field names holding values of any type. */
  private static Arbitrary<String> json(int depth) {
    Arbitrary<String> scalars = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(40).map(OfflineClassifyProperties::quote),
        Arbitraries.integers().map(String::valueOf),
        Arbitraries.doubles().map(String::valueOf),
        Arbitraries.of("true", "false", "null", "", "{", "[", "\"", "1e999999", "-", "{\"id\":"));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<String> key = Arbitraries.oneOf(
        Arbitraries.of("id", "text", "title", "source", "url", "publishedAt", "dateline", "language"),
        Arbitraries.strings().all().ofMaxLength(10)).map(OfflineClassifyProperties::quote);
    Arbitrary<String> field = Combinators.combine(key, json(depth - 1)).as((k, v) -> k + ":" + v);
    Arbitrary<String> object = field.list().ofMaxSize(8).map(fields -> "{" + String.join(",", fields) + "}");
    Arbitrary<String> array = json(depth - 1).list().ofMaxSize(4).map(items -> "[" + String.join(",", items) + "]");
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, scalars), net.jqwik.api.Tuple.of(5, object), net.jqwik.api.Tuple.of(1, array));
  }

  @Provide
  Arbitrary<List<String>> articles() {
    Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(2000);
    Arbitrary<String> id = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20);
    Arbitrary<String> optional = Arbitraries.strings().all().ofMaxLength(40).injectNull(0.3);
    return Combinators.combine(id, optional, optional, optional, text)
        .as((i, title, published, language, body) -> "{\"id\":" + quote(i) + ",\"title\":" + quoteOrNull(title)
            + ",\"publishedAt\":" + quoteOrNull(published) + ",\"language\":" + quoteOrNull(language)
            + ",\"text\":" + quote(body) + "}")
        .list().ofMaxSize(5);
  }

  private static String quoteOrNull(String s) {
    return s == null ? "null" : quote(s);
  }

  /** A JSON string literal of {@code s}, any code unit escaped where JSON requires it (lone surrogates too). */
  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
