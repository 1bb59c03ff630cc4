package dev.wirewatch.ingest.internal.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.serde.AvroSerde;
import dev.wirewatch.schema.serde.SchemaHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ArchivedDigestTest {

  private static RawArticle article(byte[] page) {
    return RawArticle.newBuilder().setArticleId("a1").setSource("xinhua").setUrl("https://english.news.cn/a")
        .setFeedUrl(null).setTitle("T").setPublishedAt(null).setDateline(null).setLanguage("en").setText("text")
        .setExtractorVersion("xinhua/2").setFetchedAt(1_718_700_000_000L).setContentHash("abc123")
        .setTruncated(false).setPage(page == null ? null : ByteBuffer.wrap(page)).setPageCharset(null)
        .setClassifierVersion(null).build();
  }

  @Test
  void readsHashAndFetchTimeOfACurrentRecord() {
    // Given a RawArticle with an archived page, encoded by the topic's serde
    byte[] value = AvroSerde.of(RawArticle.class).serialize("raw-articles", article(new byte[64 * 1024]));
    // When only the digest is decoded
    ArchivedDigest.Digest d = new ArchivedDigest().deserialize("raw-articles", value);
    // Then it carries the hash and fetch time
    assertEquals(new ArchivedDigest.Digest("abc123", 1_718_700_000_000L), d);
  }

  @Test
  void readsRecordsWrittenWithTheFirstSchemaVersion() throws IOException {
    // Given a record written with RawArticle v1 from the schema history (single-object encoded by hand)
    Schema v1 = SchemaHistory.versions("RawArticle").get(0);
    GenericRecord r = new GenericData.Record(v1);
    for (Schema.Field f : v1.getFields()) {
      r.put(f.name(), f.hasDefaultValue() ? GenericData.get().getDefaultValue(f) : "x");
    }
    r.put("contentHash", "old");
    r.put("fetchedAt", 42L);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xC3);
    out.write(0x01);
    long fp = SchemaNormalization.parsingFingerprint64(v1);
    for (int i = 0; i < 8; i++) {
      out.write((int) (fp >>> (8 * i)) & 0xFF);
    }
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(v1).write(r, enc);
    enc.flush();
    // When decoded, Then the digest comes out
    assertEquals(new ArchivedDigest.Digest("old", 42L), new ArchivedDigest().deserialize("raw-articles",
        out.toByteArray()));
  }

  @Test
  void tombstoneIsNullAndGarbageFails() {
    // Given a tombstone and bytes that are no single-object record
    ArchivedDigest digest = new ArchivedDigest();
    // Then null stays null and garbage is a SerializationException naming the topic
    assertNull(digest.deserialize("raw-articles", null));
    SerializationException e = assertThrows(SerializationException.class,
        () -> digest.deserialize("raw-articles", new byte[] {1, 2, 3}));
    assertEquals(true, e.getMessage().contains("raw-articles"));
  }
}
