package dev.wirewatch.sink.internal.dialect;

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
  public Properties connectionProperties(String user, String password) {
    Properties props = super.connectionProperties(user, password);
    // Seconds. Without them a half-open connection blocks the consumer loop, which then stops polling
    // and drops out of its group; with them an outage surfaces as an error that is retried.
    props.setProperty("connectTimeout", "10");
    props.setProperty("socketTimeout", "60");
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
