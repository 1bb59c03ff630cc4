package dev.wirewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract: shapes of classify/extract, exit codes, one-line errors. */
class CliTest {

  @TempDir
  Path dir;

  private static CliResult run(String... args) {
    return CliResult.of(args);
  }

  private static void assertUsageError(CliResult result, String expectedInMessage) {
    assertEquals(Main.USAGE, result.code(), result.err());
    assertEquals(1, result.err().lines().count(), "exactly one line on stderr: " + result.err());
    assertTrue(result.err().startsWith("wirewatch: "), result.err());
    assertTrue(result.err().contains(expectedInMessage), result.err());
    assertFalse(result.err().contains("\tat "), "no stack trace");
  }

  @Test
  void anUnknownFlagIsAUsageErrorOnOneLine() {
    assertUsageError(run("events", "--colour", "red"), "--colour");
  }

  @Test
  void fetchOfAMalformedUrlExitsTwoBeforeAnythingStarts() {
    assertUsageError(run("fetch", "https://www.ecns.cn/news/a.shtml", "not a url", "--data-dir", dir.toString()),
        "not a valid URL: 'not a url'");
    assertUsageError(run("fetch", "ftp://example.org/a", "--data-dir", dir.toString()), "not an absolute http(s) URL");
  }

  @Test
  void fetchOfAMissingUrlFileExitsTwo() {
    assertUsageError(run("fetch", "--urls", dir.resolve("urls.txt").toString(), "--data-dir", dir.toString()),
        "no such file");
    assertUsageError(run("fetch", "--data-dir", dir.toString()), "name at least one article URL");
  }

  @Test
  void anUnknownCommandIsAUsageErrorOnOneLine() {
    assertUsageError(run("frobnicate"), "frobnicate");
  }

  @Test
  void aMissingRequiredFlagIsAUsageError() {
    assertUsageError(run("classify", "--input", "x.jsonl"), "--output");
  }

  @Test
  void anUnreadableInputFileExitsTwo() {
    assertUsageError(run("classify", "--input", dir.resolve("missing.jsonl").toString(), "--output", dir.resolve("o").toString()),
        "missing.jsonl");
    assertUsageError(run("extract", "--html", dir.resolve("missing.html").toString(), "--url", "https://english.news.cn/a/c.html"),
        "missing.html");
  }

  @Test
  void aBadDateOrConfigFileExitsTwo() throws IOException {
    assertUsageError(run("events", "--since", "last-tuesday", "--data-dir", dir.toString()), "--since");
    Path config = Files.writeString(dir.resolve("bad.yaml"), "stroage:\n  url: x\n");
    assertUsageError(run("events", "--config", config.toString()), "stroage.url");
    assertUsageError(run("events", "--config", dir.resolve("nope.yaml").toString()), "nope.yaml");
  }

  @Test
  void aMalformedClassifyLineExitsTwoNamingTheLine() throws IOException {
    Path input = Files.writeString(dir.resolve("in.jsonl"),
        "{\"id\":\"a\",\"source\":\"xinhua\",\"url\":\"https://english.news.cn/a/c.html\",\"title\":\"t\",\"publishedAt\":null,\"text\":\"Weather.\"}\n"
            + "{not json\n");
    assertUsageError(run("classify", "--input", input.toString(), "--output", dir.resolve("out.jsonl").toString()), "2");
  }

  @Test
  void extractOutputIsOneClassifyInputLine() throws IOException {
    // Given a saved Xinhua-style page (written for this test)
    Path page = Files.writeString(dir.resolve("page.html"), """
        <html><head><meta charset="utf-8"><title>Weather - Xinhua</title>
        <meta name="publishdate" content="2024-06-18 09:30:00"></head>
        <body><div class="header-time">2024-06-18 09:30:00</div>
        <div class="conTop"><h1>Heavy rain expected along the Yangtze this week</h1></div>
        <div id="detailContent">
        <p>BEIJING, June 18 (Xinhua) -- Forecasters on Tuesday warned of heavy rain in several provinces along the Yangtze River.</p>
        <p>Local authorities were told to check reservoirs and prepare shelters for residents in low-lying areas.</p>
        </div></body></html>
        """);

    // When it is extracted and the result fed to classify
    CliResult extracted = run("extract", "--html", page.toString(), "--url", "https://english.news.cn/20240618/0123456789abcdef0123456789abcdef/c.html");
    assertEquals(Main.OK, extracted.code(), extracted.err());
    JsonNode article = new ObjectMapper().readTree(extracted.out());
    assertEquals(List.of("id", "source", "url", "title", "publishedAt", "dateline", "language", "text"),
        iterate(article.fieldNames()));
    assertEquals("2024-06-18T09:30:00+08:00", article.get("publishedAt").asText());
    assertTrue(article.get("text").asText().contains("\n\n"), "paragraphs separated by a blank line");

    Path input = Files.writeString(dir.resolve("article.jsonl"), extracted.out());
    Path output = dir.resolve("verdicts.jsonl");
    CliResult classified = run("classify", "--input", input.toString(), "--output", output.toString());

    // Then one verdict line of the documented shape comes out, saying no
    assertEquals(Main.OK, classified.code(), classified.err());
    List<String> lines = Files.readAllLines(output);
    assertEquals(1, lines.size());
    JsonNode verdict = new ObjectMapper().readTree(lines.get(0));
    assertEquals(List.of("id", "isDialogue", "confidence", "classifierVersion", "dialogue"), iterate(verdict.fieldNames()));
    assertEquals(article.get("id"), verdict.get("id"));
    assertFalse(verdict.get("isDialogue").asBoolean());
    assertTrue(verdict.get("dialogue").isNull());
  }

  @Test
  void configMarkdownIsTheReadmeTable() throws IOException {
    CliResult result = run("config", "--markdown");
    assertEquals(Main.OK, result.code());
    String readme = Files.readString(Path.of("..", "README.md"));
    assertTrue(readme.contains(result.out()), "README's configuration table is the output of `wirewatch config --markdown`;"
        + " regenerate it after changing Settings");
  }

  @Test
  void versionNamesTheClassifierVersion() {
    CliResult result = run("version");
    assertEquals(Main.OK, result.code());
    assertTrue(result.out().lines().anyMatch(l -> l.startsWith("classifierVersion ")), result.out());
  }

  private static List<String> iterate(java.util.Iterator<String> names) {
    List<String> list = new java.util.ArrayList<>();
    names.forEachRemaining(list::add);
    return list;
  }
}
