package dev.wirewatch.app.config;

/** The configuration is wrong; the message names the key or file in one line. */
public final class ConfigException extends RuntimeException {

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
