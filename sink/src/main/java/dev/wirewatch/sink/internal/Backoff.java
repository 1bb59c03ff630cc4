package dev.wirewatch.sink.internal;

import java.time.Duration;

/** Exponential backoff: {@code initial}, doubled per further attempt, never above {@code max}. */
public record Backoff(Duration initial, Duration max) {

  /** The wait after the {@code attempt}-th consecutive failure (1-based). */
  public Duration delay(int attempt) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, was " + attempt);
    }
    // Shifting past 30 would overflow; by then the cap applies anyway.
    long factor = 1L << Math.min(attempt - 1, 30);
    long millis = initial.toMillis() * factor;
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
