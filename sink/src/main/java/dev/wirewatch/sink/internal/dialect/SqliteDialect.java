package dev.wirewatch.sink.internal.dialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import dev.wirewatch.sink.internal.DatabaseTimeouts;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** SQLite: dates and times as ISO-8601 text, JSON as text checked by {@code json_valid}. */
final class SqliteDialect extends DatabaseDialect {

  /** SQLite result codes (low byte of the extended code) that are about a record's values. */
  private static final int SQLITE_TOOBIG = 18;
  private static final int SQLITE_CONSTRAINT = 19;
  private static final int SQLITE_MISMATCH = 20;

  private static final DateTimeFormatter UTC_TIMESTAMP = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

  @Override
  public String name() {
    return "sqlite";
  }

  @Override
  protected String jsonParameter() {
    return "?";
  }

  @Override
  public void configure(Connection connection, DatabaseTimeouts timeouts) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      // WAL lets readers (the events command, drain) run while the sink writes; the busy timeout makes a
      // writer wait for a short lock instead of failing; foreign keys are off unless asked for.
      // Transactions stay DEFERRED: sqlite-jdbc begins the next one right after a commit, and an
      // IMMEDIATE one would hold the write lock between batches. A batch writes first, so it queues on
      // the busy timeout all the same; a rare SQLITE_BUSY_SNAPSHOT is retried like any lock error.
      statement.execute("PRAGMA journal_mode=WAL");
      statement.execute("PRAGMA busy_timeout=" + timeouts.lockWait().toMillis());
      statement.execute("PRAGMA foreign_keys=ON");
    }
  }

  @Override
  public void bindDate(PreparedStatement statement, int index, LocalDate date) throws SQLException {
    statement.setString(index, date == null ? null : date.toString());
  }

  @Override
  public void bindTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
    statement.setString(index, instant == null ? null : UTC_TIMESTAMP.format(instant));
  }

  @Override
  public boolean isRecordError(SQLException e) {
    // sqlite-jdbc reports the (extended) SQLite result code and no SQLSTATE.
    int primary = e.getErrorCode() & 0xff;
    return primary == SQLITE_CONSTRAINT || primary == SQLITE_TOOBIG || primary == SQLITE_MISMATCH
        || super.isRecordError(e);
  }
}
