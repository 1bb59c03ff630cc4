package dev.wirewatch.ingest.internal.poll;

import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.serde.SchemaHistory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads only what the start-up scan of {@code raw-articles} needs from a RawArticle value, its content hash and
 * fetch time, and skips the rest, the archived page bytes above all. It decodes the Avro single-object payload
 * ({@code C3 01}, 8-byte fingerprint, body) with the writer schema found by the fingerprint (current or any
 * version in {@link SchemaHistory}) resolved against a reader schema that holds just those two fields; Avro's
 * resolution skips the other fields without copying them.
 *
 * <p>A null value (tombstone) decodes to null.
 */
public final class ArchivedDigest implements Deserializer<ArchivedDigest.Digest> {

  /** The two fields of a RawArticle that tell whether its content is already archived. */
  public record Digest(String contentHash, long fetchedAtMs) {
  }

  private static final int HEADER_BYTES = 10;

  /** Reader schema: RawArticle's full name, so it resolves against every RawArticle writer schema. */
  static final Schema PROJECTION = SchemaBuilder.record(RawArticle.SCHEMA$.getName())
      .namespace(RawArticle.SCHEMA$.getNamespace())
      .fields()
      .name("contentHash").type().stringType().stringDefault("")
      .name("fetchedAt").type().longType().longDefault(0L)
      .endRecord();

  private final Map<Long, GenericDatumReader<GenericRecord>> readers = new HashMap<>();

  public ArchivedDigest() {
    List<Schema> writers = new ArrayList<>(SchemaHistory.versions(RawArticle.SCHEMA$.getName()));
    writers.add(RawArticle.SCHEMA$);
    for (Schema writer : writers) {
      readers.put(SchemaNormalization.parsingFingerprint64(writer), new GenericDatumReader<>(writer, PROJECTION));
    }
  }

  @Override
  public Digest deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (data.length < HEADER_BYTES || (data[0] & 0xFF) != 0xC3 || (data[1] & 0xFF) != 0x01) {
      throw new SerializationException("not an Avro single-object RawArticle in topic " + topic + " ("
          + data.length + " bytes)");
    }
    long fingerprint = 0;
    for (int i = 0; i < 8; i++) {
      fingerprint |= (data[2 + i] & 0xFFL) << (8 * i);
    }
    GenericDatumReader<GenericRecord> reader = readers.get(fingerprint);
    if (reader == null) {
      throw new SerializationException("RawArticle in topic " + topic + " written with an unknown schema (fingerprint "
          + Long.toHexString(fingerprint) + "); is this release older than the writer?");
    }
    BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, HEADER_BYTES, data.length - HEADER_BYTES, null);
    try {
      GenericRecord r = reader.read(null, decoder);
      return new Digest(r.get("contentHash").toString(), (Long) r.get("fetchedAt"));
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("cannot decode RawArticle from topic " + topic + ": " + e.getMessage(), e);
    }
  }
}
