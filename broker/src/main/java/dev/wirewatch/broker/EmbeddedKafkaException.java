package dev.wirewatch.broker;

/** The embedded broker could not be started; the message says why in one line. */
public final class EmbeddedKafkaException extends RuntimeException {

  public EmbeddedKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
