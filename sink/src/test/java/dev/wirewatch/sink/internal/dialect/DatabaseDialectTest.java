package dev.wirewatch.sink.internal.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.Driver;
import org.junit.jupiter.api.Test;

class DatabaseDialectTest {

  @Test
  void theUrlChoosesTheDialect() {
    assertEquals("sqlite", DatabaseDialect.forUrl("jdbc:sqlite:/data/wirewatch.db").name());
    assertEquals("postgresql", DatabaseDialect.forUrl("jdbc:postgresql://db:5432/w").name());
    assertEquals("classpath:db/migration/postgresql",
        DatabaseDialect.forUrl("JDBC:POSTGRESQL://db/w").migrationLocation());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DatabaseDialect.forUrl("jdbc:h2:mem:x"));
    assertTrue(e.getMessage().contains("jdbcUrl"));
  }

  @Test
  void bothUpsertOnTheEventIdAndOnlyPostgresCastsToJsonb() {
    String sqlite = DatabaseDialect.forUrl("jdbc:sqlite:x.db").upsertEvent();
    String postgres = DatabaseDialect.forUrl("jdbc:postgresql://db/w").upsertEvent();
    assertTrue(sqlite.contains("ON CONFLICT (event_id) DO UPDATE SET"), sqlite);
    assertTrue(postgres.contains("ON CONFLICT (event_id) DO UPDATE SET"), postgres);
    assertTrue(postgres.contains("CAST(? AS jsonb)"), postgres);
    assertFalse(sqlite.contains("jsonb"), sqlite);
    assertEquals(15, sqlite.chars().filter(c -> c == '?').count(), "one parameter per column");
  }

  @Test
  void onlyDataAndConstraintErrorsAreRecordErrors() {
    DatabaseDialect postgres = DatabaseDialect.forUrl("jdbc:postgresql://db/w");
    assertTrue(postgres.isRecordError(new SQLException("check", "23514")));
    assertTrue(postgres.isRecordError(new SQLException("bad date", "22008")));
    assertFalse(postgres.isRecordError(new SQLException("connection refused", "08001")));
    assertFalse(postgres.isRecordError(new SQLException("no such table", "42P01")));

    DatabaseDialect sqlite = DatabaseDialect.forUrl("jdbc:sqlite:x.db");
    assertTrue(sqlite.isRecordError(new SQLException("CHECK constraint failed", null, 275)), "SQLITE_CONSTRAINT_CHECK");
    assertFalse(sqlite.isRecordError(new SQLException("database is locked", null, 5)), "SQLITE_BUSY");
  }

  @Test
  void postgresConnectionsRewriteBatchedInsertsUnlessTheUrlSaysOtherwise() {
    // Given the properties the sink connects to PostgreSQL with
    Properties props = DatabaseDialect.forUrl("jdbc:postgresql://db/w").connectionProperties("sink", null);

    // When the driver combines them with URLs that do and do not set the option
    Properties plain = Driver.parseURL("jdbc:postgresql://db/w", props);
    Properties overridden = Driver.parseURL("jdbc:postgresql://db/w?reWriteBatchedInserts=false", props);

    // Then batched inserts are rewritten into multi-row statements, unless the user's URL turns that off
    assertEquals("true", plain.getProperty("reWriteBatchedInserts"));
    assertEquals("false", overridden.getProperty("reWriteBatchedInserts"));
    assertEquals("sink", plain.getProperty("user"));
  }

  @Test
  void likeValuesAreEscaped() {
    assertEquals("%,AFRICAN!_UNION,%", DatabaseDialect.likeContains(",AFRICAN_UNION,"));
    assertEquals("%100!%!!%", DatabaseDialect.likeContains("100%!"));
  }
}
