package dev.wirewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regressions: binary input gave "failed: Input length = 1" (classify, exit 1) and garbage with exit 0 (extract). */
class BinaryInputCliTest {

  /** The first bytes of a PNG file: signature, then the header chunk's length and type. */
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R',
      0, 0, 0, 16, 0, 0, 0, 16, 8, 6, 0, 0, 0};

  @TempDir
  Path dir;

  private static CliResult run(String... args) {
    return CliResult.of(args);
  }

  private static void assertOneLineUsageError(CliResult result, String start) {
    assertEquals(Main.USAGE, result.code(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().startsWith(start), result.err());
    assertFalse(result.err().contains("\tat "), "no stack trace");
  }

  @Test
  void classifyOnABinaryFileNamesTheFileAndLineAndExitsTwo() throws IOException {
    Path input = Files.write(dir.resolve("image.png"), PNG);
    CliResult result = run("classify", "--input", input.toString(), "--output", dir.resolve("out.jsonl").toString());
    assertOneLineUsageError(result, "wirewatch: " + input + " line 1: not UTF-8 text (byte 0x89 at byte 1 of the line)");
  }

  @Test
  void classifyOnLatin1TextNamesTheLine() throws IOException {
    String good = "{\"id\":\"a\",\"text\":\"Weather.\"}\n";
    Path input = dir.resolve("latin1.jsonl");
    Files.write(input, (good + good + "{\"id\":\"c\",\"text\":\"Z\u00fcrich\"}\n").getBytes(StandardCharsets.ISO_8859_1));
    CliResult result = run("classify", "--input", input.toString(), "--output", dir.resolve("out.jsonl").toString());
    assertOneLineUsageError(result, "wirewatch: " + input + " line 3: not UTF-8 text");
  }

  @Test
  void extractOnABinaryFileExitsTwoWithOneLine() throws IOException {
    Path page = Files.write(dir.resolve("page.html"), PNG);
    CliResult result = run("extract", "--html", page.toString(), "--url", "https://english.news.cn/20240618/0123456789abcdef0123456789abcdef/c.html");
    assertOneLineUsageError(result, "wirewatch: --html " + page + " is not an HTML page: it holds NUL bytes");
    assertEquals("", result.out(), "nothing printed on stdout");
  }

  @Test
  void aPageInUtf16WithAByteOrderMarkIsNotTakenForBinary() {
    byte[] page = "\uFEFF<html><body><p>Text.</p></body></html>".getBytes(StandardCharsets.UTF_16BE);
    assertEquals(java.util.Optional.empty(), PageBytes.binaryReason(page));
    assertTrue(PageBytes.binaryReason(new byte[] {1, 2, 3, 4, 5, 'a'}).isPresent());
  }
}
