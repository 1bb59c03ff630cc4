package dev.wirewatch.app.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every configuration key of wirewatch with its default and documentation: the one place defaults live.
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
  public static final String CLASSIFY_APP_ID = "classify.application.id";
  public static final String SINK_GROUP = "sink.group";
  public static final String SINK_BATCH_SIZE = "sink.batch.size";
  public static final String SINK_BATCH_LINGER = "sink.batch.linger";
  public static final String HTTP_HOST = "http.host";
  public static final String HTTP_PORT = "http.port";

  /** The default feeds when none are configured: the live wires of DESIGN.md. */
  public static final List<FeedSpec> DEFAULT_FEEDS = List.of(
      new FeedSpec("xinhua", "https://english.news.cn/rss/chinarss.xml", null),
      new FeedSpec("ecns", "https://www.ecns.cn/rss/rss.xml", null));

  private static final List<Setting> ALL = List.of(
      new Setting(FEEDS, "Xinhua English and ECNS",
          "Feeds to poll: a list of {source, url, interval, ignoreRobots}; source (xinhua, ecns, generic) picks the page profile.", false),
      new Setting(DATA_DIR, "./data", "Directory of the embedded broker, Streams state and the SQLite database.", false),
      new Setting(BOOTSTRAP_SERVERS, "",
          "Kafka cluster to use; empty starts a real single-node broker inside the process under data.dir.", false),
      new Setting(KAFKA_PREFIX + "*", "", "Any other Kafka client property, passed to every client (security.protocol, sasl.*, ssl.*).", false),
      new Setting(TOPIC_PARTITIONS, "1", "Partitions of the topics wirewatch creates (existing topics are left alone).", false),
      new Setting(TOPIC_REPLICATION, "-1", "Replicas of the topics wirewatch creates; -1 uses the broker's default.", false),
      new Setting(STORAGE_URL, "", "JDBC URL of the event store; empty means jdbc:sqlite:<data.dir>/wirewatch.db.", false),
      new Setting(STORAGE_USER, "", "Database user (PostgreSQL).", false),
      new Setting(STORAGE_PASSWORD, "", "Database password (PostgreSQL); never logged.", true),
      new Setting(FEED_INTERVAL, "5m", "Polling interval of a feed that sets none.", false),
      new Setting(USER_AGENT, "wirewatch/0.1 (news-event research crawler)", "User-Agent header of every request.", false),
      new Setting(CONNECT_TIMEOUT, "10s", "Time allowed to open a connection.", false),
      new Setting(READ_TIMEOUT, "30s", "Time allowed for a whole response.", false),
      new Setting(MAX_FEED_BYTES, "5242880", "Largest feed read, in bytes; a larger feed is an error.", false),
      new Setting(MAX_PAGE_BYTES, "2097152", "Largest article page read, in bytes; the article is flagged truncated.", false),
      new Setting(ARCHIVE_PAGES, "true", "Keep each fetched page in raw-articles so a changed extractor can be replayed.", false),
      new Setting(PER_HOST_DELAY, "1s", "Least time between two requests to one host.", false),
      new Setting(ALLOWED_HOSTS, "", "Extra hosts that may be fetched besides the feeds' own and their article hosts (comma-separated).", false),
      new Setting(MAX_REDIRECTS, "5", "Redirects followed per request.", false),
      new Setting(CLASSIFY_APP_ID, "wirewatch-classify", "Kafka Streams application.id of the classifier.", false),
      new Setting(SINK_GROUP, "wirewatch-sink", "Name under which the sink stores its position in the database.", false),
      new Setting(SINK_BATCH_SIZE, "500", "Most events written in one database transaction.", false),
      new Setting(SINK_BATCH_LINGER, "1s", "Longest wait to fill a batch before it is written.", false),
      new Setting(HTTP_HOST, "127.0.0.1", "Address of the HTTP endpoint (/metrics, /health/live, /health/ready); 0.0.0.0 for every interface.", false),
      new Setting(HTTP_PORT, "8080", "Port of the HTTP endpoint; 0 turns it off.", false));

  private static final Map<String, Setting> BY_KEY = index();

  private Settings() {
  }

  public static List<Setting> all() {
    return ALL;
  }

  /** The definition of {@code key}; kafka.* keys all share the pass-through definition. */
  public static Optional<Setting> find(String key) {
    if (key.startsWith(KAFKA_PREFIX) && key.length() > KAFKA_PREFIX.length()) {
      return Optional.ofNullable(BY_KEY.getOrDefault(key, BY_KEY.get(KAFKA_PREFIX + "*")));
    }
    return Optional.ofNullable(BY_KEY.get(key));
  }

  /** The configuration table of the README, generated from the definitions above. */
  public static String markdownTable() {
    StringBuilder out = new StringBuilder();
    out.append("| key | environment variable | default | meaning |\n");
    out.append("|---|---|---|---|\n");
    for (Setting s : ALL) {
      String env = s.key().endsWith("*") ? "WIREWATCH_KAFKA_<PROPERTY>" : s.environmentVariable();
      if (s.key().equals(FEEDS)) {
        env = "WIREWATCH_FEEDS (source=url,...)";
      }
      out.append("| `").append(s.key()).append("` | `").append(env).append("` | ")
          .append(s.defaultValue().isEmpty() ? "(empty)" : "`" + s.defaultValue() + "`").append(" | ")
          .append(s.doc()).append(" |\n");
    }
    return out.toString();
  }

  private static Map<String, Setting> index() {
    Map<String, Setting> map = new LinkedHashMap<>();
    ALL.forEach(s -> map.put(s.key(), s));
    return Map.copyOf(map);
  }
}
