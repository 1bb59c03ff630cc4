package dev.wirewatch.sink.internal;

import dev.wirewatch.sink.SinkSettings;
import dev.wirewatch.sink.internal.dialect.DatabaseDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens connections to the sink's database and brings its schema up to date. */
public final class Database {

  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String maskedUrl;
  private final DatabaseDialect dialect;
  private final DatabaseTimeouts timeouts;

  public Database(String jdbcUrl, String user, String password, String maskedUrl) {
    this(jdbcUrl, user, password, maskedUrl, DatabaseTimeouts.WRITER);
  }

  private Database(String jdbcUrl, String user, String password, String maskedUrl, DatabaseTimeouts timeouts) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.maskedUrl = maskedUrl;
    this.dialect = DatabaseDialect.forUrl(jdbcUrl);
    this.timeouts = timeouts;
  }

  /** The sink's database, with the writer's timeouts. */
  public static Database of(SinkSettings settings) {
    return of(settings, DatabaseTimeouts.WRITER);
  }

  public static Database of(SinkSettings settings, DatabaseTimeouts timeouts) {
    return new Database(settings.jdbcUrl(), settings.user(), settings.password(), settings.maskedJdbcUrl(), timeouts);
  }

  public DatabaseTimeouts timeouts() {
    return timeouts;
  }

  public DatabaseDialect dialect() {
    return dialect;
  }

  /** The URL for log lines, password masked. */
  public String describe() {
    return maskedUrl;
  }

  /** A new connection with the dialect's settings applied; the caller closes it. */
  public Connection connect() throws SQLException {
    Connection connection = DriverManager.getConnection(jdbcUrl, dialect.connectionProperties(user, password, timeouts));
    try {
      dialect.configure(connection, timeouts);
      return connection;
    } catch (SQLException e) {
      try {
        connection.close();
      } catch (SQLException closeFailure) {
        e.addSuppressed(closeFailure);
      }
      throw e;
    }
  }

  /**
   * Creates or migrates the schema (tables events, event_mentions, sink_offsets) with Flyway.
   *
   * @throws org.flywaydb.core.api.FlywayException when the database cannot be reached or a migration fails
   */
  public void migrate() {
    Flyway flyway = Flyway.configure(Database.class.getClassLoader())
        // Flyway connects like every other use: same properties, so the same timeouts.
        .dataSource(new ConnectingDataSource(this))
        .locations(dialect.migrationLocation())
        .load();
    MigrateResult result = flyway.migrate();
    if (result.migrationsExecuted > 0) {
      log.info("Migrated {} database {} to schema version {} ({} migrations)", dialect.name(), maskedUrl,
          result.targetSchemaVersion, result.migrationsExecuted);
    } else {
      log.debug("Database {} schema is up to date at version {}", maskedUrl, result.initialSchemaVersion);
    }
  }
}
