package dev.wirewatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.sink.SinkHealth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthFileTest {

  @TempDir
  Path dataDir;

  @Test
  void aSinkPausedByAnOutageIsReportedToOtherCommands() throws Exception {
    // Given a running pipeline whose database is down
    Instant since = Instant.parse("2026-01-02T03:04:05Z");
    HealthFile.write(dataDir, new SinkHealth(SinkHealth.State.DATABASE_UNAVAILABLE, "connection refused", 10, 10, 0,
        Instant.now(), 3, since, since.plusSeconds(30)), "RUNNING");

    // Then a reader of the same data directory gets one line naming the state, the reason and how long it waits
    Optional<String> warning = HealthFile.sinkWarning(dataDir);
    assertTrue(warning.isPresent());
    assertTrue(warning.get().contains("DATABASE_UNAVAILABLE") && warning.get().contains("connection refused"), warning.get());
    assertTrue(warning.get().contains("3 failed attempts, waiting since 2026-01-02T03:04:05Z"), warning.get());
    assertTrue(Files.readString(dataDir.resolve("health.json")).contains("\"nextAttemptAt\":\"2026-01-02T03:04:35Z\""));
  }

  @Test
  void aWritingSinkAStaleFileOrNoFileSayNothing() throws Exception {
    assertEquals(Optional.empty(), HealthFile.sinkWarning(dataDir));
    HealthFile.write(dataDir, new SinkHealth(SinkHealth.State.RUNNING, null, 1, 1, 0, Instant.now(), 0), "RUNNING");
    assertEquals(Optional.empty(), HealthFile.sinkWarning(dataDir));
    Files.writeString(dataDir.resolve("health.json"), "{\"updatedAt\":\"2020-01-01T00:00:00Z\",\"sink\":{\"state\":\"FAILED\"}}");
    assertEquals(Optional.empty(), HealthFile.sinkWarning(dataDir));
  }
}
