package dev.wirewatch.ingest.internal.poll;

import dev.wirewatch.ingest.FeedSource;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the poller remembers about one feed between polls: its HTTP validators and its schedule. Polls of one
 * feed never overlap: callers hold the state's monitor while polling.
 */
public final class FeedState {

  /** Longest pause after repeated errors, unless the feed's own interval is longer. */
  static final Duration MAX_BACKOFF = Duration.ofHours(1);
  /** Spread of the interval, so feeds on one host do not fall into lock-step. */
  static final double JITTER = 0.1;

  private final FeedSource source;
  private String etag;
  private String lastModified;
  private int consecutiveFailures;
  private Instant nextPollAt;

  public FeedState(FeedSource source) {
    this.source = source;
  }

  public FeedSource source() {
    return source;
  }

  String etag() {
    return etag;
  }

  String lastModified() {
    return lastModified;
  }

  void validators(String etag, String lastModified) {
    this.etag = etag;
    this.lastModified = lastModified;
  }

  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  public Instant nextPollAt() {
    return nextPollAt;
  }

  /** After a good poll: the normal interval again, with jitter. */
  void succeeded(Instant now) {
    consecutiveFailures = 0;
    nextPollAt = now.plus(jittered(source.interval()));
  }

  /**
   * After a failed poll: the interval doubled per consecutive failure up to a cap, and never sooner than the
   * server's Retry-After.
   */
  void failed(Instant now, Duration retryAfter) {
    consecutiveFailures++;
    Duration cap = source.interval().compareTo(MAX_BACKOFF) > 0 ? source.interval() : MAX_BACKOFF;
    Duration delay = source.interval();
    for (int i = 0; i < consecutiveFailures && delay.compareTo(cap) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    if (delay.compareTo(cap) > 0) {
      delay = cap;
    }
    delay = jittered(delay);
    if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
      delay = retryAfter;
    }
    nextPollAt = now.plus(delay);
  }

  private static Duration jittered(Duration d) {
    double factor = 1 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
    return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * factor)));
  }
}
