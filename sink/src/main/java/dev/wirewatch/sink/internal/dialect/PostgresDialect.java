package dev.wirewatch.sink.internal.dialect;

import dev.wirewatch.sink.internal.DatabaseTimeouts;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;

/** PostgreSQL: DATE, TIMESTAMPTZ and JSONB columns. */
final class PostgresDialect extends DatabaseDialect {

  @Override
  public String name() {
    return "postgresql";
  }

  @Override
  protected String jsonParameter() {
    return "CAST(? AS jsonb)";
  }

  @Override
  public Properties connectionProperties(String user, String password, DatabaseTimeouts timeouts) {
    Properties props = super.connectionProperties(user, password, timeouts);
    // Seconds. Without them a half-open or silent server blocks the caller for good (the sink's consumer
    // loop, which then drops out of its group; a person waiting on `events`); with them an outage
    // surfaces as an error, retried by the sink and reported by the commands.
    props.setProperty("connectTimeout", Integer.toString(DatabaseTimeouts.seconds(timeouts.connect())));
    props.setProperty("loginTimeout", Integer.toString(DatabaseTimeouts.seconds(timeouts.connect())));
    props.setProperty("socketTimeout", Integer.toString(DatabaseTimeouts.seconds(timeouts.io())));
    props.setProperty("ApplicationName", "wirewatch-sink");
    // The writer sends each batch's inserts and upserts as JDBC batches; this makes the driver send them as
    // multi-row INSERT statements, a few round trips per batch instead of one per row. Each batch holds an
    // eventId once, so a multi-row upsert never meets its own key twice (which ON CONFLICT DO UPDATE refuses).
    props.setProperty("reWriteBatchedInserts", "true");
    return props;
  }

  @Override
  public void bindDate(PreparedStatement statement, int index, LocalDate date) throws SQLException {
    if (date == null) {
      statement.setNull(index, Types.DATE);
    } else {
      statement.setObject(index, date);
    }
  }

  @Override
  public void bindTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }
  }
}
