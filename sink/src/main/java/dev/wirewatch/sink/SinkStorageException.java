package dev.wirewatch.sink;

/** The sink's database could not be reached, migrated or read; the message says which and why. */
public final class SinkStorageException extends RuntimeException {

  public SinkStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
