package dev.wirewatch.ingest.internal.poll;

import dev.wirewatch.ingest.FeedSource;
import dev.wirewatch.schema.FeedStatus;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the poller remembers about one feed between polls: its HTTP validators and its schedule. Polls of one
 * feed never overlap: callers hold the state's monitor while polling.
 *
 * <p>Adaptive interval: the interval in use is the configured one times a stretch factor of 1, 2 or
 * {@link #MAX_STRETCH}. After {@link #QUIET_POLLS_TO_STRETCH} good polls in a row that brought nothing (HTTP
 * 304, or no new or changed item) the factor doubles, up to the cap; a good poll that brings a new or changed
 * item halves it again, back toward the configured interval. Failed polls leave it alone (they have their own
 * back-off). So a quiet feed is asked at most four times less often, and a busy one as often as configured.
 *
 * <p>Freshness: the state keeps the newest publication time the source has shown and its {@link SourceHealth}.
 * A source that answers 404, 410 or 403 on every poll for {@link #GONE_AFTER} is {@code gone}, and from then on
 * it is polled once per {@link #GONE_INTERVAL}.
 */
public final class FeedState {

  /** Longest pause after repeated errors, unless the feed's own interval is longer. */
  static final Duration MAX_BACKOFF = Duration.ofHours(1);
  /** Spread of the interval, so feeds on one host do not fall into lock-step. */
  static final double JITTER = 0.1;
  /** Largest stretch of a quiet feed's interval. */
  static final int MAX_STRETCH = 4;
  /** Good polls in a row without anything new before the interval is stretched (again). */
  static final int QUIET_POLLS_TO_STRETCH = 3;

  /** How long a source must answer 404/410/403 on every poll before it counts as gone. */
  static final Duration GONE_AFTER = Duration.ofDays(1);
  /** Time between polls of a gone source. */
  static final Duration GONE_INTERVAL = Duration.ofDays(1);

  private final FeedSource source;
  private String etag;
  private FeedSource.Kind kindSeen;
  private URI dataSource;
  private String dataSourceEtag;
  private String dataSourceLastModified;
  private Instant newestItemAt;
  private Instant failingSince;
  private SourceHealth health;
  private String lastModified;
  private int consecutiveFailures;
  private int stretch = 1;
  private int quietPolls;
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

  /**
   * Restores the validators kept in the feed's last FeedStatus record at start, so the first poll after a
   * restart is conditional. Ignored once this process has validators of its own (they are newer).
   */
  public void restoreValidators(String etag, String lastModified) {
    synchronized (this) {
      if (this.etag == null && this.lastModified == null) {
        validators(etag, lastModified);
      }
    }
  }

  /**
   * Restores what the source's last FeedStatus record knew: validators (of feeds only: a list page answered 304
   * must have been read by this process to know its data source), the newest item, the run of 404s and the
   * health, so that a restart neither fetches unchanged feeds in full nor forgets that a source is gone.
   */
  public void restore(FeedStatus status) {
    synchronized (this) {
      if (!FeedSource.Kind.LIST.label().equals(status.getKind())) {
        restoreValidators(status.getEtag(), status.getLastModified());
      }
      if (newestItemAt == null && status.getNewestItemAt() != null) {
        newestItemAt = Instant.ofEpochMilli(status.getNewestItemAt());
      }
      if (health == null) {
        health = SourceHealth.ofLabel(status.getState());
        failingSince = status.getFailingSince() == null ? null : Instant.ofEpochMilli(status.getFailingSince());
      }
    }
  }

  FeedSource.Kind kindSeen() {
    return kindSeen;
  }

  void kindSeen(FeedSource.Kind kind) {
    this.kindSeen = kind;
  }

  /** The data source the list page named when it was last read, or null. */
  URI dataSource() {
    return dataSource;
  }

  /** Remembers the list page's data source; a new one starts without validators. */
  void dataSource(URI url) {
    if (url == null || !url.equals(dataSource)) {
      dataSourceEtag = null;
      dataSourceLastModified = null;
    }
    dataSource = url;
  }

  String dataSourceEtag() {
    return dataSourceEtag;
  }

  String dataSourceLastModified() {
    return dataSourceLastModified;
  }

  void dataSourceValidators(String etag, String lastModified) {
    this.dataSourceEtag = etag;
    this.dataSourceLastModified = lastModified;
  }

  public Instant newestItemAt() {
    return newestItemAt;
  }

  /** Keeps the later of the known newest item and {@code publishedAt}. */
  void sawItem(Instant publishedAt) {
    if (publishedAt != null && (newestItemAt == null || publishedAt.isAfter(newestItemAt))) {
      newestItemAt = publishedAt;
    }
  }

  /** Start of the current run of 404/410/403 answers, or null. */
  Instant failingSince() {
    return failingSince;
  }

  public SourceHealth health() {
    return health;
  }

  /**
   * Judges the source after a poll and remembers the verdict.
   *
   * @param pollOk the source answered and was read (200 or 304)
   * @param httpStatus the source's answer, or null when none came
   * @param allTooOld the poll read items and every one was older than the age gate
   * @return the source's health now
   */
  SourceHealth assess(Instant now, boolean pollOk, Integer httpStatus, boolean allTooOld, Duration staleAfter) {
    if (!pollOk) {
      boolean goneAnswer = httpStatus != null && (httpStatus == 404 || httpStatus == 410 || httpStatus == 403);
      failingSince = goneAnswer ? (failingSince == null ? now : failingSince) : null;
      health = goneAnswer && !now.isBefore(failingSince.plus(GONE_AFTER)) ? SourceHealth.GONE : SourceHealth.FAILING;
    } else {
      failingSince = null;
      boolean quiet = newestItemAt != null && newestItemAt.plus(staleAfter).isBefore(now);
      health = allTooOld || quiet ? SourceHealth.STALE : SourceHealth.OK;
    }
    return health;
  }

  public int consecutiveFailures() {
    return consecutiveFailures;
  }

  public Instant nextPollAt() {
    return nextPollAt;
  }

  /** The configured interval times the current stretch factor: the time between good polls. */
  public Duration currentInterval() {
    return source.interval().multipliedBy(stretch);
  }

  /** The stretch factor now applied to the configured interval: 1, 2 or {@link #MAX_STRETCH}. */
  public int stretch() {
    return stretch;
  }

  /** After a good poll that brought nothing new. */
  void succeeded(Instant now) {
    succeeded(now, false);
  }

  /**
   * After a good poll: the interval adapts (see the class comment), then the next poll is set one interval on,
   * with jitter.
   *
   * @param changed the poll brought at least one new or changed item
   */
  void succeeded(Instant now, boolean changed) {
    consecutiveFailures = 0;
    if (changed) {
      quietPolls = 0;
      stretch = Math.max(1, stretch / 2);
    } else if (++quietPolls >= QUIET_POLLS_TO_STRETCH) {
      quietPolls = 0;
      stretch = Math.min(MAX_STRETCH, stretch * 2);
    }
    nextPollAt = now.plus(jittered(currentInterval()));
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

  /** After a poll that found the source gone: asked again once a day, without jitter. */
  void gone(Instant now) {
    consecutiveFailures++;
    nextPollAt = now.plus(GONE_INTERVAL);
  }

  private static Duration jittered(Duration d) {
    double factor = 1 + ThreadLocalRandom.current().nextDouble(-JITTER, JITTER);
    return Duration.ofMillis(Math.max(1, Math.round(d.toMillis() * factor)));
  }
}
