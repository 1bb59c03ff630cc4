package dev.wirewatch.ingest.internal.fetch;

import dev.wirewatch.ingest.IngestException;

/** A request that produced no usable answer: refused by the host policy, timed out, connection failed. */
public final class FetchException extends IngestException {

  private static final long serialVersionUID = 1L;

  private final boolean refused;
  private final boolean disallowedByRobots;
  private final transient java.time.Duration retryAfter;

  FetchException(String message, boolean refused, Throwable cause) {
    this(message, refused, cause, null, false);
  }

  private FetchException(String message, boolean refused, Throwable cause, java.time.Duration retryAfter,
      boolean disallowedByRobots) {
    super(message, cause);
    this.refused = refused;
    this.retryAfter = retryAfter;
    this.disallowedByRobots = disallowedByRobots;
  }

  /** Nothing was sent because the host's robots.txt disallows the URL for this crawler. */
  static FetchException disallowed(String message) {
    return new FetchException(message, false, null, null, true);
  }

  /** True when the host's robots.txt disallowed the request (nothing was sent). */
  public boolean disallowedByRobots() {
    return disallowedByRobots;
  }

  /** Nothing was sent because the host asked (Retry-After) not to be asked again for {@code retryAfter}. */
  static FetchException hostPaused(String message, java.time.Duration retryAfter) {
    return new FetchException(message, false, null, retryAfter, false);
  }

  /** How long the host asked to be left alone, or null. */
  public java.time.Duration retryAfter() {
    return retryAfter;
  }

  static FetchException refused(String message) {
    return new FetchException(message, true, null);
  }

  static FetchException failed(String message, Throwable cause) {
    return new FetchException(message, false, cause);
  }

  /** True when the host policy refused the request (nothing was sent). */
  public boolean refused() {
    return refused;
  }
}
