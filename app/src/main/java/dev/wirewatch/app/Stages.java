package dev.wirewatch.app;

import dev.wirewatch.app.config.FeedSpec;
import dev.wirewatch.app.config.Settings;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.broker.HangingTransactions;
import dev.wirewatch.ingest.FeedSource;
import dev.wirewatch.ingest.IngestSettings;
import dev.wirewatch.schema.topic.Topics;
import dev.wirewatch.sink.SinkSettings;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns the configuration into each stage's own settings; the stages know nothing of YAML or flags. */
public final class Stages {

  private Stages() {
  }

  public static IngestSettings ingestSettings(WirewatchConfig config) {
    List<FeedSource> feeds = config.feeds().stream().map(f -> feedSource(f, config)).toList();
    return new IngestSettings(
        feeds,
        config.get(Settings.USER_AGENT),
        config.duration(Settings.CONNECT_TIMEOUT),
        config.duration(Settings.READ_TIMEOUT),
        config.integer(Settings.MAX_FEED_BYTES),
        config.integer(Settings.MAX_PAGE_BYTES),
        config.bool(Settings.ARCHIVE_PAGES),
        Set.copyOf(config.list(Settings.ALLOWED_HOSTS)),
        config.duration(Settings.PER_HOST_DELAY),
        config.integer(Settings.MAX_REDIRECTS),
        config.duration(Settings.MAX_ITEM_AGE),
        config.duration(Settings.STALE_AFTER));
  }

  public static SinkSettings sinkSettings(WirewatchConfig config) {
    return SinkSettings.of(config.storageUrl())
        .withCredentials(config.storageUser(), config.storagePassword())
        .withConsumerGroup(config.get(Settings.SINK_GROUP))
        .withBatch(config.integer(Settings.SINK_BATCH_SIZE), config.duration(Settings.SINK_BATCH_LINGER))
        .withRetryBackoff(SinkSettings.DEFAULT_RETRY_BACKOFF, config.duration(Settings.SINK_RETRY_BACKOFF_MAX));
  }

  /**
   * What the classify application writes in its transactions, for {@link HangingTransactions}: its input
   * offsets, its output topics, its internal topics (by its application id) and the shared dead-letter topic.
   */
  public static HangingTransactions.Scope classifyTransactions(WirewatchConfig config) {
    return HangingTransactions.Scope.streamsApplication(config.get(Settings.CLASSIFY_APP_ID),
        List.of(Topics.RAW_ARTICLES.name()), List.of(Topics.DIALOGUE_MENTIONS.name(), Topics.DIALOGUE_EVENTS.name()),
        List.of(Topics.DLQ.name()));
  }

  private static FeedSource feedSource(FeedSpec feed, WirewatchConfig config) {
    return new FeedSource(feed.source(), URI.create(feed.url()),
        feed.interval() == null ? config.duration(Settings.FEED_INTERVAL) : feed.interval())
        .withIgnoreRobots(feed.ignoreRobots())
        .withLinkPattern(feed.linkPattern() == null ? null : Pattern.compile(feed.linkPattern()))
        .withKind(feed.kind() == null ? null : FeedSource.Kind.parse(feed.kind()));
  }
}
