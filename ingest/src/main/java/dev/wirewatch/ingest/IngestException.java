package dev.wirewatch.ingest;

/**
 * Bad input met by the ingest stage: a feed that cannot be parsed, a page with no article, a URL that is not
 * one. The message is one line, fit for a CLI's stderr or a {@code FeedStatus.error}.
 */
public class IngestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IngestException(String message) {
    super(oneLine(message));
  }

  public IngestException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /** Collapses line breaks and runs of blanks so the message fits on one line. */
  static String oneLine(String message) {
    return message == null ? "" : message.replaceAll("\\s+", " ").trim();
  }
}
