package dev.wirewatch.sink.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} for Flyway whose connections are {@link Database#connect()}'s: the dialect's
 * properties and timeouts apply to migrations too, so a silent database cannot hang a command there.
 */
final class ConnectingDataSource implements DataSource {

  private final Database database;

  ConnectingDataSource(Database database) {
    this.database = database;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return database.connect();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    // The credentials are the database's own; Flyway never passes others.
    return database.connect();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // Driver logging stays off.
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // The timeouts come from DatabaseTimeouts.
  }

  @Override
  public int getLoginTimeout() {
    return DatabaseTimeouts.seconds(database.timeouts().connect());
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no java.util.logging here");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
