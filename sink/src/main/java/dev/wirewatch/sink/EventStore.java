package dev.wirewatch.sink;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.sink.internal.Database;
import dev.wirewatch.sink.internal.DatabaseTimeouts;
import dev.wirewatch.sink.internal.RecordJson;
import dev.wirewatch.sink.internal.dialect.DatabaseDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Read access to the events the sink stored, for {@code wirewatch events} and tests. Each event comes back
 * as the JSON record of DESIGN.md (as {@code AvroJson.toJson} writes it, with its mentions). Holds one
 * connection; methods are synchronized so one store may be shared.
 */
public final class EventStore implements AutoCloseable {

  private final Database database;
  private final Connection connection;

  private EventStore(Database database, Connection connection) {
    this.database = database;
    this.connection = connection;
  }

  /**
   * Opens the database of {@code settings}, creating or migrating its schema first. Every step is bounded by
   * {@link DatabaseTimeouts#READER}: an unreachable, silent or locked database is an error within seconds.
   *
   * @throws SinkStorageException when the database cannot be reached or migrated
   */
  public static EventStore open(SinkSettings settings) {
    Objects.requireNonNull(settings, "settings");
    Database database = Database.of(settings, DatabaseTimeouts.READER);
    try {
      database.migrate();
    } catch (RuntimeException e) {
      throw new SinkStorageException("cannot migrate database " + database.describe() + ": " + reason(e), e);
    }
    try {
      return new EventStore(database, database.connect());
    } catch (SQLException e) {
      throw new SinkStorageException("cannot connect to database " + database.describe() + ": " + reason(e), e);
    }
  }

  /** Opens a database by URL and optional credentials; see {@link #open(SinkSettings)}. */
  public static EventStore open(String jdbcUrl, String user, String password) {
    return open(SinkSettings.of(jdbcUrl).withCredentials(user, password));
  }

  /** Stored events matching {@code query}, ordered by startDate (undated last), then eventId. */
  public synchronized List<ObjectNode> query(EventQuery query) {
    Objects.requireNonNull(query, "query");
    DatabaseDialect dialect = database.dialect();
    // Only fixed fragments are appended; every value is a bound parameter.
    StringBuilder sql = new StringBuilder(DatabaseDialect.SELECT_EVENTS);
    if (query.since() != null) {
      sql.append(DatabaseDialect.FILTER_SINCE);
    }
    if (query.until() != null) {
      sql.append(DatabaseDialect.FILTER_UNTIL);
    }
    if (query.counterpart() != null) {
      sql.append(DatabaseDialect.FILTER_COUNTERPART);
    }
    if (query.status() != null) {
      sql.append(DatabaseDialect.FILTER_STATUS);
    }
    sql.append(DatabaseDialect.ORDER_EVENTS);
    try (PreparedStatement select = prepare(sql.toString())) {
      int index = 1;
      if (query.since() != null) {
        dialect.bindDate(select, index++, query.since());
      }
      if (query.until() != null) {
        dialect.bindDate(select, index++, query.until());
      }
      if (query.counterpart() != null) {
        select.setString(index++, DatabaseDialect.likeContains("," + query.counterpart() + ","));
      }
      if (query.status() != null) {
        select.setString(index, query.status());
      }
      List<ObjectNode> events = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          events.add(RecordJson.parse(rows.getString(1)));
        }
      }
      return events;
    } catch (SQLException e) {
      throw new SinkStorageException("cannot query events in " + database.describe() + ": " + reason(e), e);
    }
  }

  /** The stored event with this id, if any. */
  public synchronized Optional<ObjectNode> get(String eventId) {
    Objects.requireNonNull(eventId, "eventId");
    try (PreparedStatement select = prepare(DatabaseDialect.SELECT_EVENT)) {
      select.setString(1, eventId);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? Optional.of(RecordJson.parse(rows.getString(1))) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new SinkStorageException("cannot read event " + eventId + " from " + database.describe() + ": "
          + e.getMessage(), e);
    }
  }

  /** A statement that is cancelled when the database does not answer in time (e.g. a table held locked). */
  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      statement.setQueryTimeout(DatabaseTimeouts.seconds(database.timeouts().io()));
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }

  /** The first line of the innermost cause: "Connection refused", not Flyway's page of context. */
  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
    return message.lines().findFirst().orElse(root.getClass().getSimpleName());
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new SinkStorageException("cannot close connection to " + database.describe() + ": " + e.getMessage(), e);
    }
  }
}
