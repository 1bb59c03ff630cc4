package dev.wirewatch.schema.topic;

/**
 * Header names on {@code wirewatch-dlq} records. They are the names Kafka Streams itself writes for its
 * dead-letter queue (KIP-1034), so records from the Streams application and from the sink read alike.
 */
public final class DlqHeaders {

  public static final String EXCEPTION = "__streams.errors.exception";
  public static final String MESSAGE = "__streams.errors.message";
  public static final String STACKTRACE = "__streams.errors.stacktrace";
  public static final String TOPIC = "__streams.errors.topic";
  public static final String PARTITION = "__streams.errors.partition";
  public static final String OFFSET = "__streams.errors.offset";
  /** Which wirewatch stage gave up on the record: ingest, classify or sink. */
  public static final String STAGE = "wirewatch.stage";

  private DlqHeaders() {
  }
}
