package dev.wirewatch.sink.internal.dialect;

import dev.wirewatch.sink.internal.DatabaseTimeouts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;

/**
 * What differs between the databases the sink writes to: the SQL text where types differ, how dates and
 * times are bound, per-connection settings, and which errors mean "this record can never be written".
 * Every statement is a constant: table and column names never come from data.
 */
public abstract class DatabaseDialect {

  /** Columns of {@code events} in the order the upsert binds them. */
  static final String EVENT_COLUMNS = "event_id, format, counterparts, status, round, start_date, end_date, city,"
      + " country, classifier_version, confidence, record, kafka_partition, kafka_offset, updated_at";

  public static final String DELETE_EVENT = "DELETE FROM events WHERE event_id = ?";
  public static final String DELETE_MENTIONS = "DELETE FROM event_mentions WHERE event_id = ?";
  public static final String INSERT_MENTION = "INSERT INTO event_mentions"
      + " (event_id, article_id, source, url, published_at, title) VALUES (?, ?, ?, ?, ?, ?)";
  public static final String SELECT_OFFSETS = "SELECT kafka_partition, next_offset FROM sink_offsets"
      + " WHERE consumer_group = ? AND topic = ?";
  /** Moves an offset only from the value this writer last saw, so that a fenced-off writer notices. */
  public static final String UPDATE_OFFSET = "UPDATE sink_offsets SET next_offset = ?, updated_at = ?"
      + " WHERE consumer_group = ? AND topic = ? AND kafka_partition = ? AND next_offset = ?";
  /** First offset of a partition; no row inserted means another writer got there first. */
  public static final String INSERT_OFFSET = "INSERT INTO sink_offsets"
      + " (consumer_group, topic, kafka_partition, next_offset, updated_at) VALUES (?, ?, ?, ?, ?)"
      + " ON CONFLICT (consumer_group, topic, kafka_partition) DO NOTHING";

  public static final String SELECT_EVENT = "SELECT record FROM events WHERE event_id = ?";
  /** Start of the event query; the filters below are appended as fixed text, values always bound. */
  public static final String SELECT_EVENTS = "SELECT record FROM events WHERE 1 = 1";
  public static final String FILTER_SINCE = " AND start_date >= ?";
  public static final String FILTER_UNTIL = " AND start_date <= ?";
  /** The LIKE value is escaped with '!' (see {@link #likeContains}); both databases take an ESCAPE clause. */
  public static final String FILTER_COUNTERPART = " AND counterparts LIKE ? ESCAPE '!'";
  public static final String FILTER_STATUS = " AND status = ?";
  /** Undated events last in both databases (SQLite sorts NULL first, PostgreSQL last). */
  public static final String ORDER_EVENTS = " ORDER BY start_date IS NULL, start_date, event_id";

  /** The dialect for a JDBC URL: {@code jdbc:sqlite:} or {@code jdbc:postgresql:}. */
  public static DatabaseDialect forUrl(String jdbcUrl) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    String url = jdbcUrl.toLowerCase(Locale.ROOT);
    if (url.startsWith("jdbc:sqlite:")) {
      return new SqliteDialect();
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return new PostgresDialect();
    }
    throw new IllegalArgumentException("jdbcUrl must start with jdbc:sqlite: or jdbc:postgresql:, was "
        + jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 20)));
  }

  /** Short name, also the folder of this database's migrations: sqlite or postgresql. */
  public abstract String name();

  /** Flyway location of this database's migrations. */
  public String migrationLocation() {
    return "classpath:db/migration/" + name();
  }

  /** Insert the event or, when its id is stored already, replace every column. */
  public String upsertEvent() {
    return "INSERT INTO events (" + EVENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " + jsonParameter()
        + ", ?, ?, ?) ON CONFLICT (event_id) DO UPDATE SET format = excluded.format,"
        + " counterparts = excluded.counterparts, status = excluded.status, round = excluded.round,"
        + " start_date = excluded.start_date, end_date = excluded.end_date, city = excluded.city,"
        + " country = excluded.country, classifier_version = excluded.classifier_version,"
        + " confidence = excluded.confidence, record = excluded.record,"
        + " kafka_partition = excluded.kafka_partition, kafka_offset = excluded.kafka_offset,"
        + " updated_at = excluded.updated_at";
  }

  /** The placeholder of a JSON text parameter, with the cast the column type needs. */
  protected abstract String jsonParameter();

  /** Connection properties for the sink's writer: see {@link #connectionProperties(String, String, DatabaseTimeouts)}. */
  public Properties connectionProperties(String user, String password) {
    return connectionProperties(user, password, DatabaseTimeouts.WRITER);
  }

  /** Connection properties: credentials plus this driver's defaults and timeouts; settings in the URL win. */
  public Properties connectionProperties(String user, String password, DatabaseTimeouts timeouts) {
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null) {
      props.setProperty("password", password);
    }
    return props;
  }

  /** Per-connection settings applied after connecting. */
  public void configure(Connection connection, DatabaseTimeouts timeouts) throws SQLException {
    // Nothing by default.
  }

  public abstract void bindDate(PreparedStatement statement, int index, LocalDate date) throws SQLException;

  public abstract void bindTimestamp(PreparedStatement statement, int index, Instant instant) throws SQLException;

  /**
   * True when the error is about the values of one record (a constraint or data error) so that retrying
   * cannot help and the record belongs in the dead-letter topic. Anything else (lost connection, missing
   * table, permissions, locks) is about the database and is retried.
   */
  public boolean isRecordError(SQLException e) {
    String state = e.getSQLState();
    // SQLSTATE class 22 is "data exception", 23 "integrity constraint violation" (SQL standard).
    return state != null && (state.startsWith("22") || state.startsWith("23"));
  }

  /** A LIKE pattern matching {@code value} anywhere, with LIKE's own characters escaped by '!'. */
  public static String likeContains(String value) {
    String escaped = value.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    return "%" + escaped + "%";
  }
}
