package dev.wirewatch.sink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void delaysDoubleUpToTheCap() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    assertEquals(Duration.ofMillis(500), backoff.delay(1));
    assertEquals(Duration.ofMillis(1000), backoff.delay(2));
    assertEquals(Duration.ofMillis(16000), backoff.delay(6));
    assertEquals(Duration.ofSeconds(30), backoff.delay(7));
    assertEquals(Duration.ofSeconds(30), backoff.delay(500));
    assertThrows(IllegalArgumentException.class, () -> backoff.delay(0));
  }
}
