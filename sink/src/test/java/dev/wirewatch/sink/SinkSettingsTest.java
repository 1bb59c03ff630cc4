package dev.wirewatch.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SinkSettingsTest {

  @Test
  void toStringMasksThePasswordFieldAndUrlParameter() {
    // Given settings with a password in both places
    SinkSettings settings = SinkSettings.of("jdbc:postgresql://db:5432/w?user=u&password=s3cret&ssl=true")
        .withCredentials("wirewatch", "hunter2");

    // When printed
    String text = settings.toString();

    // Then neither password shows, the rest does
    assertFalse(text.contains("hunter2"), text);
    assertFalse(text.contains("s3cret"), text);
    assertTrue(text.contains("user=wirewatch"), text);
    assertTrue(text.contains("ssl=true"), text);
    assertEquals("hunter2", settings.password());
  }

  @Test
  void defaultsComeFromTheDocumentedConstants() {
    // When settings are made from a URL alone
    SinkSettings settings = SinkSettings.of("jdbc:sqlite:/tmp/x.db");

    // Then the documented defaults apply
    assertEquals(SinkSettings.DEFAULT_CONSUMER_GROUP, settings.consumerGroup());
    assertEquals(SinkSettings.DEFAULT_BATCH_SIZE, settings.batchSize());
    assertEquals(SinkSettings.DEFAULT_BATCH_LINGER, settings.batchLinger());
    assertEquals(null, settings.user());
  }

  @Test
  void invalidValuesAreRejectedNamingTheParameter() {
    IllegalArgumentException url = assertThrows(IllegalArgumentException.class,
        () -> SinkSettings.of("jdbc:mysql://db/w"));
    assertTrue(url.getMessage().contains("jdbcUrl"));
    IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
        () -> SinkSettings.of("jdbc:sqlite:x.db").withBatch(0, Duration.ofSeconds(1)));
    assertTrue(size.getMessage().contains("batchSize"));
    IllegalArgumentException backoff = assertThrows(IllegalArgumentException.class,
        () -> SinkSettings.of("jdbc:sqlite:x.db").withRetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertTrue(backoff.getMessage().contains("retryBackoffMax"));
    assertThrows(NullPointerException.class, () -> SinkSettings.of("jdbc:sqlite:x.db").withConsumerGroup(null));
  }

  @Test
  void eventQueryNormalisesCodesAndChecksTheRange() {
    EventQuery query = new EventQuery(null, null, " eu ", "held");
    assertEquals("EU", query.counterpart());
    assertEquals("HELD", query.status());
    assertThrows(IllegalArgumentException.class, () -> new EventQuery(
        java.time.LocalDate.of(2024, 2, 1), java.time.LocalDate.of(2024, 1, 1), null, null));
  }
}
