package dev.wirewatch.app.config;

import dev.wirewatch.ingest.IngestSettings;
import dev.wirewatch.schema.topic.Topics;
import dev.wirewatch.sink.SinkSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key of wirewatch with its type, limits, default and documentation: the one place
 * settings are defined. {@link WirewatchConfig} validates every value against these definitions, and the
 * README's table is generated from them. A stage setting's default is the stage's own documented constant
 * ({@code IngestSettings.DEFAULT_*}, {@code SinkSettings.DEFAULT_*}), so each default has one value.
 * A YAML file overrides them, {@code WIREWATCH_<SECTION>_<KEY>} environment variables override the file,
 * and command-line flags override both.
 */
public final class Settings {

  public static final String FEEDS = "feeds";
  public static final String DATA_DIR = "data.dir";
  public static final String KAFKA_PREFIX = "kafka.";
  public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
  public static final String TOPIC_PARTITIONS = "topics.partitions";
  public static final String TOPIC_REPLICATION = "topics.replication.factor";
  public static final String STORAGE_URL = "storage.url";
  public static final String STORAGE_USER = "storage.user";
  public static final String STORAGE_PASSWORD = "storage.password";
  public static final String FEED_INTERVAL = "ingest.interval";
  public static final String USER_AGENT = "ingest.user.agent";
  public static final String CONNECT_TIMEOUT = "ingest.connect.timeout";
  public static final String READ_TIMEOUT = "ingest.read.timeout";
  public static final String MAX_FEED_BYTES = "ingest.max.feed.bytes";
  public static final String MAX_PAGE_BYTES = "ingest.max.page.bytes";
  public static final String ARCHIVE_PAGES = "ingest.archive.pages";
  public static final String PER_HOST_DELAY = "ingest.per.host.delay";
  public static final String ALLOWED_HOSTS = "ingest.allowed.hosts";
  public static final String MAX_REDIRECTS = "ingest.max.redirects";
  public static final String MAX_ITEM_AGE = "ingest.max.item.age";
  public static final String STALE_AFTER = "ingest.stale.after";
  public static final String CLASSIFY_APP_ID = "classify.application.id";
  public static final String SINK_GROUP = "sink.group";
  public static final String SINK_BATCH_SIZE = "sink.batch.size";
  public static final String SINK_BATCH_LINGER = "sink.batch.linger";
  public static final String SINK_RETRY_BACKOFF_MAX = "sink.retry.backoff.max";
  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";

  /** Largest feed read: a feed is parsed in memory, and no real feed comes near this. */
  static final int MAX_FEED_BYTES_LIMIT = 64 * 1024 * 1024;

  /**
   * The default sources when none are configured: where the wires publish today (see the README). Xinhua's RSS
   * files answer but have carried nothing new since about 2018, so Xinhua is read from its list pages.
   */
  public static final List<FeedSpec> DEFAULT_FEEDS = List.of(
      new FeedSpec("xinhua", "https://english.news.cn/list/latestnews.htm", null, false, "list", null),
      new FeedSpec("xinhua", "https://www.news.cn/politics/index.html", null, false, "list", null),
      new FeedSpec("ecns", "https://www.ecns.cn/rss/rss.xml", null, false, "feed", null));

  /** Polling interval of a feed, whether set per feed or by ingest.interval. */
  static final SettingType<Duration> FEED_INTERVAL_TYPE = SettingType.duration(Duration.ofSeconds(1), Duration.ofDays(30));
  /** A feed's own interval, checked like ingest.interval. */
  static final Setting<Duration> FEED_INTERVAL_TYPE_SETTING =
      new Setting<>("feeds[].interval", FEED_INTERVAL_TYPE, "5m", "Polling interval of one feed.");
  private static final SettingType<Duration> TIMEOUT = SettingType.duration(Duration.ofMillis(1), Duration.ofHours(1));

  private static final List<Setting<?>> ALL = List.of(
      new Setting<>(FEEDS, new SettingType.Simple<>("a list of sources, each with an http(s) url and an interval from 1s to 30d",
          text -> text), "Xinhua English latest news and Chinese politics list pages, ECNS RSS",
          "Sources to poll: a list of {source, url, kind, linkPattern, interval, ignoreRobots}; source (xinhua, ecns, generic) picks the page profile; kind is feed or list (absent: decided by the answer); a generic list needs linkPattern, a regex for its article links."),
      new Setting<>(DATA_DIR, SettingType.line(false, 4096), "./data",
          "Directory of the embedded broker, Streams state and the SQLite database."),
      new Setting<>(BOOTSTRAP_SERVERS, SettingType.line(true, 4096), "",
          "Kafka cluster to use; empty starts a real single-node broker inside the process under data.dir."),
      new Setting<>(KAFKA_PREFIX + "*", new SettingType.Simple<>("what the Kafka client accepts", text -> text), "",
          "Any other Kafka client property, passed to every client (security.protocol, sasl.*, ssl.*)."),
      new Setting<>(TOPIC_PARTITIONS, SettingType.integer(1, 10_000), "1",
          "Partitions of the topics wirewatch creates (existing topics are left alone)."),
      new Setting<>(TOPIC_REPLICATION, SettingType.integerIn("-1, or a whole number from 1 to 32767", -1, -1, 1, Short.MAX_VALUE),
          "-1", "Replicas of the topics wirewatch creates; -1 uses the broker's default."),
      new Setting<>(STORAGE_URL, SettingType.jdbcUrl(), "",
          "JDBC URL of the event store; empty means jdbc:sqlite:<data.dir>/wirewatch.db."),
      new Setting<>(STORAGE_USER, SettingType.line(true, 256), "", "Database user (PostgreSQL)."),
      new Setting<>(STORAGE_PASSWORD, SettingType.line(true, 4096), "", "Database password (PostgreSQL); never logged.", true),
      new Setting<>(FEED_INTERVAL, FEED_INTERVAL_TYPE, "5m", "Polling interval of a feed that sets none."),
      new Setting<>(USER_AGENT, SettingType.line(false, 512), IngestSettings.DEFAULT_USER_AGENT,
          "User-Agent header of every request."),
      new Setting<>(CONNECT_TIMEOUT, TIMEOUT, format(IngestSettings.DEFAULT_CONNECT_TIMEOUT),
          "Time allowed to open a connection."),
      new Setting<>(READ_TIMEOUT, TIMEOUT, format(IngestSettings.DEFAULT_READ_TIMEOUT), "Time allowed for a whole response."),
      new Setting<>(MAX_FEED_BYTES, SettingType.integer(1024, MAX_FEED_BYTES_LIMIT),
          Integer.toString(IngestSettings.DEFAULT_MAX_FEED_BYTES), "Largest feed read, in bytes; a larger feed is an error."),
      new Setting<>(MAX_PAGE_BYTES, SettingType.integer(1024, Topics.MAX_ARCHIVED_PAGE_BYTES),
          Integer.toString(IngestSettings.DEFAULT_MAX_PAGE_BYTES),
          "Largest article page read, in bytes; the article is flagged truncated. At most what a raw-articles record holds."),
      new Setting<>(ARCHIVE_PAGES, SettingType.bool(), "true",
          "Keep each fetched page in raw-articles so a changed extractor can be replayed."),
      new Setting<>(PER_HOST_DELAY, SettingType.duration(Duration.ZERO, Duration.ofHours(1)),
          format(IngestSettings.DEFAULT_PER_HOST_DELAY), "Least time between two requests to one host."),
      new Setting<>(ALLOWED_HOSTS, SettingType.hosts(), "",
          "Extra hosts that may be fetched, even at private addresses, besides the feeds' own and their article hosts (comma-separated; `host` for ports 80 and 443, `host:port` for another port)."),
      new Setting<>(MAX_REDIRECTS, SettingType.integer(0, 20), Integer.toString(IngestSettings.DEFAULT_MAX_REDIRECTS),
          "Redirects followed per request."),
      new Setting<>(MAX_ITEM_AGE, SettingType.duration(Duration.ZERO, Duration.ofDays(36_500)), format(IngestSettings.DEFAULT_MAX_ITEM_AGE),
          "While polling, items published longer ago are not fetched (counted as too old); 0 turns the gate off."),
      new Setting<>(STALE_AFTER, SettingType.duration(Duration.ofMinutes(1), Duration.ofDays(36_500)), format(IngestSettings.DEFAULT_STALE_AFTER),
          "A source whose newest item is older than this is stale."),
      new Setting<>(CLASSIFY_APP_ID, SettingType.name(), "wirewatch-classify", "Kafka Streams application.id of the classifier."),
      new Setting<>(SINK_GROUP, SettingType.name(), SinkSettings.DEFAULT_CONSUMER_GROUP,
          "Name under which the sink stores its position in the database."),
      new Setting<>(SINK_BATCH_SIZE, SettingType.integer(1, 100_000), Integer.toString(SinkSettings.DEFAULT_BATCH_SIZE),
          "Most events written in one database transaction."),
      new Setting<>(SINK_BATCH_LINGER, SettingType.duration(Duration.ofMillis(1), Duration.ofMinutes(10)),
          format(SinkSettings.DEFAULT_BATCH_LINGER), "Longest wait to fill a batch before it is written."),
      new Setting<>(SINK_RETRY_BACKOFF_MAX, SettingType.duration(SinkSettings.DEFAULT_RETRY_BACKOFF, Duration.ofHours(1)),
          format(SinkSettings.DEFAULT_RETRY_BACKOFF_MAX),
          "Longest wait between two attempts to reach the database; the sink retries at this pace for as long as it runs."),
      new Setting<>(HTTP_HOST, SettingType.line(false, 256), "127.0.0.1",
          "Address of the HTTP endpoint (/metrics, /health/live, /health/ready); 0.0.0.0 for every interface."),
      new Setting<>(HTTP_PORT, SettingType.integer(0, 65_535), "8080", "Port of the HTTP endpoint; 0 turns it off."));

  private static final Map<String, Setting<?>> BY_KEY = index();

  private Settings() {
  }

  public static List<Setting<?>> all() {
    return ALL;
  }

  /** The definition of {@code key}; kafka.* keys all share the pass-through definition. */
  public static Optional<Setting<?>> find(String key) {
    if (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length()) {
      return Optional.ofNullable(BY_KEY.getOrDefault(key, BY_KEY.get(KAFKA_PREFIX + "*")));
    }
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /** The configuration table of the README, generated from the definitions above. */
  public static String markdownTable() {
    StringBuilder out = new StringBuilder();
    out.append("| key | environment variable | default | meaning | allowed |\n");
    out.append("|---|---|---|---|---|\n");
    for (Setting<?> s : ALL) {
      String env = s.key().endsWith("*") ? "WIREWATCH_KAFKA_<PROPERTY>" : s.environmentVariable();
      if (s.key().equals(FEEDS)) {
        env = "WIREWATCH_FEEDS (source=url,...)";
      }
      out.append("| `").append(s.key()).append("` | `").append(env).append("` | ")
          .append(s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`").append(" | ")
          .append(s.doc()).append(" | ").append(s.type().allowed()).append(" |\n");
    }
    return out.toString();
  }

  private static String format(Duration d) {
    return SettingType.Durations.format(d);
  }

  private static Map<String, Setting<?>> index() {
    Map<String, Setting<?>> map = new LinkedHashMap<>();
    ALL.forEach(s -> map.put(s.key(), s));
    return Map.copyOf(map);
  }
}
