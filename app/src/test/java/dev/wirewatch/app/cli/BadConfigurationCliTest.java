package dev.wirewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Regression: values that {@code config} accepted made {@code run} start the broker and fail seconds later. */
class BadConfigurationCliTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource({
      "run, ingest.read.timeout=0s, ingest.read.timeout",
      "config, ingest.read.timeout=0s, ingest.read.timeout",
      "run, ingest.max.page.bytes=20000000, ingest.max.page.bytes",
      "config, ingest.max.page.bytes=20000000, ingest.max.page.bytes",
      "run, ingest.max.feed.bytes=-5, ingest.max.feed.bytes",
      "run, sink.batch.linger=99999999999999999999d, sink.batch.linger",
      "replay, ingest.read.timeout=0s, ingest.read.timeout",
      "events, storage.url=jdbc:mysql://x/y, storage.url"})
  void aBadValueStopsTheCommandBeforeAnythingStarts(String command, String assignment, String key) {
    // When a command runs with a value outside its setting's range
    Path dataDir = dir.resolve("data");
    CliResult result = CliResult.of(command, "--data-dir", dataDir.toString(), "--set", assignment);

    // Then it exits 2 with one line naming the key and the allowed values, and has started nothing
    assertEquals(Main.USAGE, result.code(), result.err());
    assertEquals(1, result.err().lines().count(), result.err());
    assertTrue(result.err().startsWith("wirewatch: " + key + " = "), result.err());
    assertTrue(result.err().contains("is not allowed: must be "), result.err());
    assertFalse(Files.exists(dataDir), "no broker, no database: the data directory was not even created");
  }
}
