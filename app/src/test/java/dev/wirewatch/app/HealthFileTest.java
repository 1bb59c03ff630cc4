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
  void aSinkPausedByAnOutageIsReportedToOtherCommands() {
    // Given a running pipeline whose database is down
    HealthFile.write(dataDir, new SinkHealth(SinkHealth.State.DATABASE_UNAVAILABLE, "connection refused", 10, 10, 0,
        Instant.now(), 3), "RUNNING");

    // Then a reader of the same data directory gets one line naming the state and the reason
    Optional<String> warning = HealthFile.sinkWarning(dataDir);
    assertTrue(warning.isPresent());
    assertTrue(warning.get().contains("DATABASE_UNAVAILABLE") && warning.get().contains("connection refused"), warning.get());
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
