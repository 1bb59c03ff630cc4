package dev.wirewatch.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The effective configuration: {@link Settings} defaults, overridden by a YAML file, by
 * {@code WIREWATCH_<SECTION>_<KEY>} environment variables, then by command-line values. Unknown keys
 * are an error naming the key and where it came from.
 */
public final class WirewatchConfig {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
  private static final String ENV_PREFIX = "WIREWATCH_";

  private final Map<String, String> values;
  private final List<FeedSpec> feeds;

  private WirewatchConfig(Map<String, String> values, List<FeedSpec> feeds) {
    this.values = Collections.unmodifiableMap(values);
    this.feeds = List.copyOf(feeds);
  }

  /**
   * Loads the configuration.
   *
   * @param file YAML file, or null for none
   * @param environment the process environment (only WIREWATCH_* variables are read)
   * @param overrides key → value from command-line flags
   * @param feedsOverride feeds from a --feeds file, or null
   */
  public static WirewatchConfig load(Path file, Map<String, String> environment, Map<String, String> overrides,
      List<FeedSpec> feedsOverride) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Setting s : Settings.all()) {
      if (!s.key().endsWith("*") && !s.key().equals(Settings.FEEDS)) {
        values.put(s.key(), s.defaultValue());
      }
    }
    List<FeedSpec> feeds = null;
    if (file != null) {
      feeds = readYaml(file, values);
    }
    String envFeeds = environment.get(ENV_PREFIX + "FEEDS");
    if (envFeeds != null && !envFeeds.isBlank()) {
      feeds = parseFeedList(envFeeds, "WIREWATCH_FEEDS");
    }
    applyEnvironment(environment, values);
    overrides.forEach((key, value) -> put(values, key, value, "command line"));
    if (feedsOverride != null) {
      feeds = feedsOverride;
    }
    WirewatchConfig config = new WirewatchConfig(values, feeds == null ? Settings.DEFAULT_FEEDS : feeds);
    config.validate();
    return config;
  }

  /** Defaults only, with the given overrides (tests, demo). */
  public static WirewatchConfig of(Map<String, String> overrides, List<FeedSpec> feeds) {
    return load(null, Map.of(), overrides, feeds);
  }

  public List<FeedSpec> feeds() {
    return feeds;
  }

  public String get(String key) {
    String value = values.get(key);
    if (value == null && !key.startsWith(Settings.KAFKA_PREFIX)) {
      throw new IllegalArgumentException("no configuration key " + key);
    }
    return value == null ? "" : value;
  }

  public Path dataDir() {
    return Path.of(get(Settings.DATA_DIR)).normalize();
  }

  /** True when no external Kafka is configured and the embedded broker must be started. */
  public boolean embeddedKafka() {
    return get(Settings.BOOTSTRAP_SERVERS).isBlank();
  }

  /** Every kafka.* key without its prefix: the client properties of every stage. */
  public Map<String, Object> kafkaClientProperties() {
    Map<String, Object> props = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (k.startsWith(Settings.KAFKA_PREFIX) && !v.isBlank()) {
        props.put(k.substring(Settings.KAFKA_PREFIX.length()), v);
      }
    });
    return props;
  }

  /** The JDBC URL of the event store, the SQLite file under data.dir when none is configured. */
  public String storageUrl() {
    String url = get(Settings.STORAGE_URL);
    return url.isBlank() ? "jdbc:sqlite:" + dataDir().resolve("wirewatch.db") : url;
  }

  public String storageUser() {
    return blankToNull(get(Settings.STORAGE_USER));
  }

  public String storagePassword() {
    return blankToNull(get(Settings.STORAGE_PASSWORD));
  }

  public int integer(String key) {
    try {
      return Integer.parseInt(get(key).trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + " must be a whole number, was '" + get(key) + "'");
    }
  }

  public boolean bool(String key) {
    String v = get(key).trim().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new ConfigException(key + " must be true or false, was '" + get(key) + "'");
  }

  public Duration duration(String key) {
    return parseDuration(get(key), key);
  }

  public List<String> list(String key) {
    return Arrays.stream(get(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** The effective values for display, with secrets masked. */
  public Map<String, String> describe() {
    Map<String, String> shown = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      boolean secret = Settings.find(k).map(Setting::secret).orElse(false) || looksSecret(k);
      shown.put(k, secret && !v.isEmpty() ? "******" : v);
    });
    return shown;
  }

  /** Parses 500ms, 30s, 5m, 1h, 1d, or a bare number of seconds. */
  public static Duration parseDuration(String text, String what) {
    Matcher m = DURATION.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new ConfigException(what + " must be a duration such as 30s, 5m or 1h, was '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** Parses "source=url,source=url" (the WIREWATCH_FEEDS form). */
  static List<FeedSpec> parseFeedList(String text, String where) {
    List<FeedSpec> feeds = new ArrayList<>();
    for (String part : text.split(",")) {
      String item = part.trim();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      if (eq <= 0 || eq == item.length() - 1) {
        throw new ConfigException(where + ": expected source=url, got '" + item + "'");
      }
      feeds.add(feed(item.substring(0, eq).trim(), item.substring(eq + 1).trim(), null, where));
    }
    return feeds;
  }

  private void validate() {
    for (String key : List.of(Settings.TOPIC_PARTITIONS, Settings.TOPIC_REPLICATION, Settings.MAX_FEED_BYTES,
        Settings.MAX_PAGE_BYTES, Settings.MAX_REDIRECTS, Settings.SINK_BATCH_SIZE, Settings.HTTP_PORT)) {
      integer(key);
    }
    for (String key : List.of(Settings.FEED_INTERVAL, Settings.CONNECT_TIMEOUT, Settings.READ_TIMEOUT,
        Settings.PER_HOST_DELAY, Settings.SINK_BATCH_LINGER)) {
      duration(key);
    }
    bool(Settings.ARCHIVE_PAGES);
    if (integer(Settings.HTTP_PORT) < 0 || integer(Settings.HTTP_PORT) > 65535) {
      throw new ConfigException(Settings.HTTP_PORT + " must be a port between 1 and 65535, or 0 for no HTTP endpoint");
    }
    if (integer(Settings.TOPIC_PARTITIONS) < 1) {
      throw new ConfigException(Settings.TOPIC_PARTITIONS + " must be at least 1");
    }
    String url = storageUrl();
    if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
      throw new ConfigException(Settings.STORAGE_URL + " must be a jdbc:sqlite: or jdbc:postgresql: URL, was '" + url + "'");
    }
  }

  private static List<FeedSpec> readYaml(Path file, Map<String, String> values) {
    JsonNode root;
    try {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("cannot read config file " + file + ": no such file");
      }
      root = YAML.readTree(Files.readString(file));
    } catch (JsonProcessingException e) {
      throw new ConfigException("config file " + file + " is not valid YAML: "
          + e.getOriginalMessage().lines().findFirst().orElse("") + locationOf(e), e);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return null;
    }
    if (!root.isObject()) {
      throw new ConfigException("config file " + file + " must be a YAML mapping of keys");
    }
    List<FeedSpec> feeds = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (entry.getKey().equals(Settings.FEEDS)) {
        feeds = readFeeds(entry.getValue(), file.toString());
      } else {
        flatten(entry.getKey(), entry.getValue(), values, file.toString());
      }
    }
    return feeds;
  }

  private static List<FeedSpec> readFeeds(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new ConfigException(where + ": feeds must be a list of {source, url, interval}");
    }
    List<FeedSpec> feeds = new ArrayList<>();
    for (JsonNode item : node) {
      if (!item.isObject()) {
        throw new ConfigException(where + ": each feed must be a mapping with source and url");
      }
      Set<String> keys = new TreeSet<>();
      item.fieldNames().forEachRemaining(keys::add);
      keys.removeAll(Set.of("source", "url", "interval", "ignoreRobots"));
      if (!keys.isEmpty()) {
        throw new ConfigException(where + ": unknown feed key '" + keys.iterator().next()
            + "' (known: source, url, interval, ignoreRobots)");
      }
      String interval = item.path("interval").asText(null);
      FeedSpec feed = feed(item.path("source").asText("generic"), item.path("url").asText(""),
          interval == null ? null : parseDuration(interval, "feed interval"), where);
      JsonNode ignoreRobots = item.path("ignoreRobots");
      if (!ignoreRobots.isMissingNode() && !ignoreRobots.isBoolean()) {
        throw new ConfigException(where + ": feed ignoreRobots must be true or false");
      }
      feeds.add(new FeedSpec(feed.source(), feed.url(), feed.interval(), ignoreRobots.asBoolean(false)));
    }
    return feeds;
  }

  private static FeedSpec feed(String source, String url, Duration interval, String where) {
    if (!url.startsWith("http://") && !url.startsWith("https://")) {
      throw new ConfigException(where + ": feed url must start with http:// or https://, was '" + url + "'");
    }
    if (!source.matches("[a-z][a-z0-9-]*")) {
      throw new ConfigException(where + ": feed source must be a lower-case name such as xinhua, ecns or generic, was '" + source + "'");
    }
    return new FeedSpec(source, url, interval);
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> values, String where) {
    // The kafka section passes through whatever client property it holds, so its keys are taken whole.
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        flatten(prefix + "." + entry.getKey(), entry.getValue(), values, where);
      }
      return;
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(n -> items.add(n.asText()));
      put(values, prefix, String.join(",", items), where);
      return;
    }
    put(values, prefix, node.isNull() ? "" : node.asText(), where);
  }

  private static void applyEnvironment(Map<String, String> environment, Map<String, String> values) {
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(environment).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(ENV_PREFIX) || name.equals(ENV_PREFIX + "FEEDS")) {
        continue;
      }
      put(values, keyOfEnvironmentVariable(name), e.getValue(), "environment variable " + name);
    }
  }

  /** WIREWATCH_STORAGE_URL → storage.url; WIREWATCH_KAFKA_SASL_JAAS_CONFIG → kafka.sasl.jaas.config. */
  static String keyOfEnvironmentVariable(String name) {
    String rest = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
    for (Setting s : Settings.all()) {
      if (s.environmentVariable().equalsIgnoreCase(name)) {
        return s.key();
      }
    }
    return rest.replace('_', '.');
  }

  private static void put(Map<String, String> values, String key, String value, String where) {
    if (Settings.find(key).isEmpty() || key.equals(Settings.FEEDS)) {
      throw new ConfigException("unknown configuration key '" + key + "' in " + where);
    }
    values.put(key, value == null ? "" : value);
  }

  private static String locationOf(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
  }

  private static boolean looksSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.endsWith(".key");
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
