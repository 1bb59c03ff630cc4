package dev.wirewatch.classify;

/** An input line of {@link OfflineClassify} that is not a usable article; the message is one line naming the line. */
public final class BadInputException extends Exception {

  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }
}
