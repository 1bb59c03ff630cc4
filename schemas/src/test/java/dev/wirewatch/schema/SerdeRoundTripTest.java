package dev.wirewatch.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.schema.json.AvroJson;
import dev.wirewatch.schema.serde.AvroSerde;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SerdeRoundTripTest {

  private static DialogueEvent event() {
    return DialogueEvent.newBuilder()
        .setEventId("cn-eu/human-rights-dialogue/2024-06-13")
        .setFormat("dialogue")
        .setCounterparts(List.of("EU"))
        .setStatus("HELD")
        .setStartDate("2024-06-13")
        .setEndDate("2024-06-17")
        .setLocation(Location.newBuilder().setCity("Chongqing").setCountry("CN").build())
        .setCoChairs(List.of(CoChair.newBuilder().setName("Shen Bo").setSide("CN").build()))
        .setEvidence(List.of(Evidence.newBuilder().setField("startDate").setQuote("from June 13 to 17").setStart(10).setEnd(28).build()))
        .setConfidence(0.97)
        .setClassifierVersion("1.test")
        .setMentions(List.of(Mention.newBuilder().setArticleId("a1").setSource("ecns").setUrl("https://www.ecns.cn/x").build()))
        .build();
  }

  @Test
  void valuesUseSingleObjectEncodingAndRoundTrip() {
    AvroSerde<DialogueEvent> serde = AvroSerde.of(DialogueEvent.class);
    byte[] bytes = serde.serialize("dialogue-events", event());

    // The header a consumer in any language checks: C3 01, then the schema's CRC-64-AVRO fingerprint (little-endian)
    assertEquals((byte) 0xC3, bytes[0]);
    assertEquals((byte) 0x01, bytes[1]);
    long fingerprint = SchemaNormalization.parsingFingerprint64(DialogueEvent.getClassSchema());
    byte[] expected = new byte[8];
    for (int i = 0; i < 8; i++) {
      expected[i] = (byte) (fingerprint >>> (8 * i));
    }
    assertArrayEquals(expected, Arrays.copyOfRange(bytes, 2, 10));
    assertEquals(event(), serde.deserialize("dialogue-events", bytes));
  }

  @Test
  void nullIsATombstoneBothWays() {
    AvroSerde<DialogueEvent> serde = AvroSerde.of(DialogueEvent.class);
    assertNull(serde.serialize("t", null));
    assertNull(serde.deserialize("t", null));
  }

  @Test
  void garbageIsASerializationExceptionNamingTypeAndTopic() {
    AvroSerde<RawArticle> serde = AvroSerde.of(RawArticle.class);
    SerializationException e = assertThrows(SerializationException.class,
        () -> serde.deserialize("raw-articles", new byte[] {1, 2, 3}));
    assertTrue(e.getMessage().contains("RawArticle") && e.getMessage().contains("raw-articles"), e.getMessage());
  }

  @Test
  void jsonViewHasTheDesignNamesWithBareUnions() {
    ObjectNode json = AvroJson.toJson(event());
    assertEquals("Chongqing", json.path("location").path("city").asText());
    assertEquals("EU", json.path("counterparts").get(0).asText());
    assertTrue(json.path("round").isNull());
    assertEquals(0.97, json.path("confidence").asDouble());
    assertEquals(10, json.path("evidence").get(0).path("start").asInt());
  }
}
