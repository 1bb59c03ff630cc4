package dev.wirewatch.sink.internal;

import dev.wirewatch.schema.topic.DlqHeaders;
import dev.wirewatch.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records the sink can never store to {@code wirewatch-dlq}: original key and value bytes, and the
 * reason in the same headers Kafka Streams writes (KIP-1034), with stage {@code sink}. Delivery is
 * at-least-once: a crash after sending but before the batch commits sends the record again.
 */
public final class DeadLetterPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
  private static final String STAGE = "sink";
  private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

  private final Map<String, Object> producerProps;
  private KafkaProducer<byte[], byte[]> producer;

  public DeadLetterPublisher(Map<String, Object> kafkaClientProps) {
    Map<String, Object> props = new HashMap<>(kafkaClientProps);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "wirewatch-sink-dlq");
    this.producerProps = props;
  }

  /**
   * Sends the letters and waits until the broker has them all.
   *
   * @throws DeadLetterException when a letter could not be delivered (the batch must not commit)
   */
  public void publish(List<DeadLetter> letters) throws DeadLetterException {
    if (letters.isEmpty()) {
      return;
    }
    if (producer == null) {
      // Created on first use: most runs never dead-letter anything.
      producer = new KafkaProducer<>(producerProps);
    }
    List<Future<RecordMetadata>> sent = new ArrayList<>(letters.size());
    for (DeadLetter letter : letters) {
      ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.DLQ.name(), letter.key(), letter.value());
      addHeaders(record.headers(), letter);
      sent.add(producer.send(record));
      log.warn("Sending record {}-{}@{} to {}: {}", letter.partition().topic(), letter.partition().partition(),
          letter.offset(), Topics.DLQ.name(), firstLine(letter.reason().getMessage()));
    }
    try {
      for (Future<RecordMetadata> future : sent) {
        future.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeadLetterException("interrupted while sending to " + Topics.DLQ.name(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new DeadLetterException("cannot send to " + Topics.DLQ.name() + ": " + e.getMessage(), e);
    }
  }

  static void addHeaders(Headers headers, DeadLetter letter) {
    Exception reason = letter.reason();
    headers.add(DlqHeaders.EXCEPTION, utf8(reason.getClass().getName()));
    headers.add(DlqHeaders.MESSAGE, utf8(reason.getMessage()));
    headers.add(DlqHeaders.STACKTRACE, utf8(stackTrace(reason)));
    headers.add(DlqHeaders.TOPIC, utf8(letter.partition().topic()));
    headers.add(DlqHeaders.PARTITION, utf8(Integer.toString(letter.partition().partition())));
    headers.add(DlqHeaders.OFFSET, utf8(Long.toString(letter.offset())));
    headers.add(DlqHeaders.STAGE, utf8(STAGE));
  }

  /** The exception chain as text, like a logged stack trace, without writing to any stream. */
  static String stackTrace(Throwable error) {
    StringBuilder text = new StringBuilder();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
      text.append(t == error ? "" : "Caused by: ").append(t).append('\n');
      for (StackTraceElement frame : t.getStackTrace()) {
        text.append("\tat ").append(frame).append('\n');
      }
    }
    return text.toString();
  }

  /** Database messages can span lines (PostgreSQL adds the failing row); a log line should not. */
  private static String firstLine(String message) {
    if (message == null) {
      return null;
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  private static byte[] utf8(String value) {
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
      producer = null;
    }
  }

  /** A dead letter could not be delivered. */
  public static final class DeadLetterException extends Exception {

    public DeadLetterException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
