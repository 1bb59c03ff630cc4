package dev.wirewatch.sink.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a database connection may take, so that an unreachable or frozen database is an error within a
 * bounded time rather than a hang.
 *
 * @param connect to open the TCP connection, and again to log in (PostgreSQL {@code connectTimeout} and
 *     {@code loginTimeout})
 * @param io the longest wait for any answer: PostgreSQL {@code socketTimeout}, and the statement query timeout
 *     of the reads that use it
 * @param lockWait how long SQLite waits for another connection's lock ({@code busy_timeout})
 */
public record DatabaseTimeouts(Duration connect, Duration io, Duration lockWait) {

  /**
   * The sink's writer: batches may be large, and a half-open connection must still surface as an error to
   * retry rather than block the consumer loop (which would then drop out of its group).
   */
  public static final DatabaseTimeouts WRITER =
      new DatabaseTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5));

  /** Commands that read events ({@code events}): a person is waiting, so a dead database is reported fast. */
  public static final DatabaseTimeouts READER =
      new DatabaseTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5));

  public DatabaseTimeouts {
    requireAtLeastOneSecond(connect, "connect");
    requireAtLeastOneSecond(io, "io");
    Objects.requireNonNull(lockWait, "lockWait");
    if (lockWait.isNegative()) {
      throw new IllegalArgumentException("lockWait must not be negative, was " + lockWait);
    }
  }

  /** Whole seconds, as the PostgreSQL driver and JDBC's query timeout take them (rounded up). */
  public static int seconds(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, (d.toMillis() + 999) / 1000);
  }

  private static void requireAtLeastOneSecond(Duration d, String name) {
    Objects.requireNonNull(d, name);
    // The drivers count in whole seconds, and 0 means "no limit" to them.
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException(name + " must be at least 1 s, was " + d);
    }
  }
}
