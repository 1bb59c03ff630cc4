package dev.wirewatch.sink.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads a query's result as rows of strings, so tests can compare whole tables. */
public final class Tables {

  private Tables() {
  }

  public static List<List<String>> rows(Database database, String sql) throws SQLException {
    List<List<String>> table = new ArrayList<>();
    try (Connection connection = database.connect();
        PreparedStatement select = connection.prepareStatement(sql);
        ResultSet rows = select.executeQuery()) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        List<String> row = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
          row.add(rows.getString(i));
        }
        table.add(row);
      }
    }
    return table;
  }
}
