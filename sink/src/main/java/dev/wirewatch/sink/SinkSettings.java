package dev.wirewatch.sink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of the sink: where to store events and how to batch and retry. Immutable; start from
 * {@link #of(String)} (the defaults below) and change single values with the {@code with...} methods.
 *
 * @param jdbcUrl {@code jdbc:sqlite:<file>} or {@code jdbc:postgresql://host:port/db[?currentSchema=s]}
 * @param user database user, or null (SQLite, or credentials in the URL)
 * @param password database password, or null; never logged, masked in {@link #toString()}
 * @param consumerGroup Kafka consumer group; the stored offsets belong to it, so a new group replays the topic
 * @param batchSize most records written in one database transaction (also the consumer's max.poll.records)
 * @param batchLinger longest time a consumed record waits before its batch is written
 * @param retryBackoff wait after the first failed attempt to reach the database; doubled after each further one
 * @param retryBackoffMax longest wait between two attempts: the sink never gives up on the database while it
 *     runs, it keeps trying at this pace
 */
public record SinkSettings(String jdbcUrl, String user, String password, String consumerGroup, int batchSize,
    Duration batchLinger, Duration retryBackoff, Duration retryBackoffMax) {

  /** Consumer group of the sink. */
  public static final String DEFAULT_CONSUMER_GROUP = "wirewatch-sink";
  /** Records per database transaction. */
  public static final int DEFAULT_BATCH_SIZE = 500;
  /** Longest wait before a partial batch is written: events are few, and a second keeps them prompt. */
  public static final Duration DEFAULT_BATCH_LINGER = Duration.ofSeconds(1);
  /** First wait after a failed database attempt. */
  public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofMillis(500);
  /** Longest wait between database attempts. */
  public static final Duration DEFAULT_RETRY_BACKOFF_MAX = Duration.ofSeconds(30);

  public SinkSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    String lower = jdbcUrl.toLowerCase(Locale.ROOT);
    if (!lower.startsWith("jdbc:sqlite:") && !lower.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("jdbcUrl must start with jdbc:sqlite: or jdbc:postgresql:");
    }
    Objects.requireNonNull(consumerGroup, "consumerGroup");
    if (consumerGroup.isBlank()) {
      throw new IllegalArgumentException("consumerGroup must not be blank");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
    }
    requirePositive(batchLinger, "batchLinger");
    requirePositive(retryBackoff, "retryBackoff");
    requirePositive(retryBackoffMax, "retryBackoffMax");
    if (retryBackoffMax.compareTo(retryBackoff) < 0) {
      throw new IllegalArgumentException("retryBackoffMax (" + retryBackoffMax + ") must not be shorter than retryBackoff ("
          + retryBackoff + ")");
    }
  }

  /** Default settings for a database URL, without credentials. */
  public static SinkSettings of(String jdbcUrl) {
    return new SinkSettings(jdbcUrl, null, null, DEFAULT_CONSUMER_GROUP, DEFAULT_BATCH_SIZE, DEFAULT_BATCH_LINGER,
        DEFAULT_RETRY_BACKOFF, DEFAULT_RETRY_BACKOFF_MAX);
  }

  /** Default settings for an SQLite database file (created when missing). */
  public static SinkSettings sqlite(Path databaseFile) {
    Objects.requireNonNull(databaseFile, "databaseFile");
    return of("jdbc:sqlite:" + databaseFile.toAbsolutePath());
  }

  public SinkSettings withCredentials(String user, String password) {
    return new SinkSettings(jdbcUrl, user, password, consumerGroup, batchSize, batchLinger, retryBackoff,
        retryBackoffMax);
  }

  public SinkSettings withConsumerGroup(String consumerGroup) {
    return new SinkSettings(jdbcUrl, user, password, consumerGroup, batchSize, batchLinger, retryBackoff,
        retryBackoffMax);
  }

  public SinkSettings withBatch(int batchSize, Duration batchLinger) {
    return new SinkSettings(jdbcUrl, user, password, consumerGroup, batchSize, batchLinger, retryBackoff,
        retryBackoffMax);
  }

  /** The wait after a first failed database attempt, doubled per further attempt up to {@code retryBackoffMax}. */
  public SinkSettings withRetryBackoff(Duration retryBackoff, Duration retryBackoffMax) {
    return new SinkSettings(jdbcUrl, user, password, consumerGroup, batchSize, batchLinger, retryBackoff,
        retryBackoffMax);
  }

  /** The URL with any {@code password=} parameter masked, for log lines. */
  public String maskedJdbcUrl() {
    return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1****");
  }

  /** Like the record's own, but the password (field or URL parameter) is masked. */
  @Override
  public String toString() {
    return "SinkSettings[jdbcUrl=" + maskedJdbcUrl() + ", user=" + user + ", password=" + (password == null ? null : "****")
        + ", consumerGroup=" + consumerGroup + ", batchSize=" + batchSize + ", batchLinger=" + batchLinger
        + ", retryBackoff=" + retryBackoff + ", retryBackoffMax=" + retryBackoffMax + "]";
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
