package dev.wirewatch.schema.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every committed version of each record schema, self-contained (named types inlined), kept as
 * {@code history/<Record>.v<N>.avsc} resources beside the generated classes. A reader registers all of
 * them so that records written by any earlier release still decode. New versions are added by hand when
 * a schema changes; {@code SchemaCompatibilityTest} fails until they are, and fails when a change is not
 * backward- and forward-compatible with the version before it.
 */
public final class SchemaHistory {

  static final String LOCATION = "/dev/wirewatch/schema/history/";

  private SchemaHistory() {
  }

  /** Versions 1..N of the named record, oldest first; empty when none is recorded. */
  public static List<Schema> versions(String recordName) {
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; ; v++) {
      try (InputStream in = SchemaHistory.class.getResourceAsStream(LOCATION + recordName + ".v" + v + ".avsc")) {
        if (in == null) {
          return versions;
        }
        versions.add(new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read schema history of " + recordName + " v" + v, e);
      }
    }
  }
}
