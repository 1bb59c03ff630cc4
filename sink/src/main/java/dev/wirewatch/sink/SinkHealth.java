package dev.wirewatch.sink;

import java.time.Instant;

/**
 * A snapshot of the sink's condition, for the launcher's status output and for tests.
 *
 * @param state what the sink is doing
 * @param lastError one-line reason of the latest failure, or null if none yet; kept after recovery (the state
 *     tells whether it still applies)
 * @param recordsConsumed records read from the topic and stored (including tombstones and dead letters)
 * @param rowsWritten events upserted or deleted (after collapsing repeated keys within a batch)
 * @param deadLetters records sent to the dead-letter topic
 * @param lastCommitAt when the last batch was committed to the database, or null
 * @param failedAttempts consecutive failed attempts of the current outage (0 when none)
 * @param waitingSince when the current outage began (its first failed attempt), or null when there is none
 * @param nextAttemptAt when the sink tries again during an outage, or null when there is none
 */
public record SinkHealth(State state, String lastError, long recordsConsumed, long rowsWritten, long deadLetters,
    Instant lastCommitAt, int failedAttempts, Instant waitingSince, Instant nextAttemptAt) {

  /** Without an outage. */
  public SinkHealth(State state, String lastError, long recordsConsumed, long rowsWritten, long deadLetters,
      Instant lastCommitAt, int failedAttempts) {
    this(state, lastError, recordsConsumed, rowsWritten, deadLetters, lastCommitAt, failedAttempts, null, null);
  }

  /** The sink's states. */
  public enum State {
    /** Created, or migrating the schema and joining the group. */
    STARTING,
    /** Consuming and writing. */
    RUNNING,
    /**
     * The database cannot be reached; consumption is paused and writes are retried with backoff (capped at
     * {@link dev.wirewatch.sink.SinkSettings#retryBackoffMax()}) for as long as the sink runs.
     */
    DATABASE_UNAVAILABLE,
    /** Dead letters cannot be sent to Kafka; consumption is paused and the batch retried with backoff. */
    RETRYING,
    /**
     * Stopped on an error no retry can fix (see lastError: the database's schema is not this version's, or a
     * bug); a restart is needed. An unreachable database is never one of them.
     */
    FAILED,
    /** Closed. */
    STOPPED
  }
}
