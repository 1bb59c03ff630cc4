package dev.wirewatch.app.cli;

/** A mistake of the user's (bad flag value, unreadable input): exit code 2 with this one-line message. */
public final class UserError extends RuntimeException {

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
