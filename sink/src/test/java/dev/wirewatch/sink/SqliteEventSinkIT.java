package dev.wirewatch.sink;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The sink contract on SQLite files (the embedded default). */
class SqliteEventSinkIT extends EventSinkContract {

  @TempDir
  Path databaseDir;

  @Override
  SinkSettings freshDatabase(String name) {
    return SinkSettings.sqlite(databaseDir.resolve(name + ".db"));
  }
}
