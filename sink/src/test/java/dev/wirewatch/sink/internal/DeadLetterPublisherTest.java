package dev.wirewatch.sink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.schema.topic.DlqHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterPublisherTest {

  @Test
  void headersCarryTheOriginAndReasonAsText() {
    // Given a dead letter from partition 2, offset 41
    DeadLetter letter = new DeadLetter(new TopicPartition("dialogue-events", 2), 41, null, new byte[] {1, 2},
        new IllegalArgumentException("startDate 'soon' is not an ISO date", new RuntimeException("inner")));
    RecordHeaders headers = new RecordHeaders();

    // When the headers are added
    DeadLetterPublisher.addHeaders(headers, letter);

    // Then they read like the ones Kafka Streams writes, with the sink as stage
    assertEquals("dialogue-events", text(headers, DlqHeaders.TOPIC));
    assertEquals("2", text(headers, DlqHeaders.PARTITION));
    assertEquals("41", text(headers, DlqHeaders.OFFSET));
    assertEquals("sink", text(headers, DlqHeaders.STAGE));
    assertEquals(IllegalArgumentException.class.getName(), text(headers, DlqHeaders.EXCEPTION));
    assertEquals("startDate 'soon' is not an ISO date", text(headers, DlqHeaders.MESSAGE));
    assertTrue(text(headers, DlqHeaders.STACKTRACE).contains("Caused by: java.lang.RuntimeException: inner"));
  }

  private static String text(RecordHeaders headers, String name) {
    return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
