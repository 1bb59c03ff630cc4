package dev.wirewatch.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.schema.json.AvroJson;
import dev.wirewatch.sink.SinkHealth;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running pipeline's condition in {@code <data.dir>/health.json}, rewritten every few seconds, so that
 * other commands on the same machine ({@code events}, {@code feeds}) can say when the sink is paused by a
 * database outage. Feed health is on the {@code feed-status} topic; this file holds what has no topic.
 */
public final class HealthFile {

  /** Older than this, the file describes a pipeline that is no longer running. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(HealthFile.class);

  private HealthFile() {
  }

  static Path of(Path dataDir) {
    return dataDir.resolve("health.json");
  }

  static void write(Path dataDir, SinkHealth sink, String classifyState) {
    ObjectNode json = AvroJson.MAPPER.createObjectNode();
    json.put("updatedAt", Instant.now().toString());
    json.put("classify", classifyState);
    if (sink != null) {
      ObjectNode s = json.putObject("sink");
      s.put("state", sink.state().name());
      s.put("lastError", sink.lastError());
      s.put("rowsWritten", sink.rowsWritten());
      s.put("deadLetters", sink.deadLetters());
      s.put("failedAttempts", sink.failedAttempts());
      s.put("lastCommitAt", sink.lastCommitAt() == null ? null : sink.lastCommitAt().toString());
      // During an outage: how long the sink has been waiting for the database and when it tries next.
      s.put("waitingSince", sink.waitingSince() == null ? null : sink.waitingSince().toString());
      s.put("nextAttemptAt", sink.nextAttemptAt() == null ? null : sink.nextAttemptAt().toString());
    }
    Path file = of(dataDir);
    Path tmp = file.resolveSibling("health.json.tmp");
    try {
      Files.createDirectories(dataDir);
      Files.writeString(tmp, json.toString());
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      log.debug("Cannot write {}: {}", file, e.getMessage());
    }
  }

  /**
   * A one-line warning when a pipeline running on {@code dataDir} reports its sink as not writing, e.g.
   * "the sink is DATABASE_UNAVAILABLE since ...: connection refused".
   */
  public static Optional<String> sinkWarning(Path dataDir) {
    try {
      JsonNode json = AvroJson.MAPPER.readTree(Files.readString(of(dataDir)));
      Instant updated = Instant.parse(json.path("updatedAt").asText());
      String state = json.path("sink").path("state").asText("");
      if (updated.isBefore(Instant.now().minus(STALE_AFTER)) || state.isEmpty() || state.equals("RUNNING")
          || state.equals("STARTING")) {
        return Optional.empty();
      }
      JsonNode sink = json.path("sink");
      String since = sink.path("waitingSince").isTextual() ? ", waiting since " + sink.path("waitingSince").asText() : "";
      return Optional.of("the running pipeline's sink is " + state + " (" + sink.path("failedAttempts").asInt()
          + " failed attempts" + since + "; last error: " + sink.path("lastError").asText("none")
          + "); stored events may be behind the topic");
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
