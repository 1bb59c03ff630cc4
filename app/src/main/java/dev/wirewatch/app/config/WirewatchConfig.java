package dev.wirewatch.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.net.URISyntaxException;
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

/**
 * The effective configuration: {@link Settings} defaults, overridden by a YAML file, by
 * {@code WIREWATCH_<SECTION>_<KEY>} environment variables, then by command-line values. Unknown keys
 * are an error naming the key and where it came from.
 */
public final class WirewatchConfig {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String ENV_PREFIX = "WIREWATCH_";

  /** Largest config file read: a real one is a few KiB; a bigger file is a mistake, not read into memory. */
  static final long MAX_CONFIG_BYTES = 1024 * 1024;
  private static final String FEED_URL_ALLOWED = "an absolute http:// or https:// URL with a host";

  private final Map<String, String> values;
  /** Where each value that is not a default came from ("config file x.yaml", "command line"), for messages. */
  private final Map<String, String> sources;
  private final List<FeedSpec> feeds;

  private WirewatchConfig(Map<String, String> values, Map<String, String> sources, List<FeedSpec> feeds) {
    this.values = Collections.unmodifiableMap(values);
    this.sources = Map.copyOf(sources);
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
    Map<String, String> sources = new LinkedHashMap<>();
    for (Setting<?> s : Settings.all()) {
      if (!s.key().endsWith("*") && !s.key().equals(Settings.FEEDS)) {
        values.put(s.key(), s.defaultValue());
      }
    }
    List<FeedSpec> feeds = null;
    if (file != null) {
      feeds = readYaml(file, values, sources);
    }
    String envFeeds = environment.get(ENV_PREFIX + "FEEDS");
    if (envFeeds != null && !envFeeds.isBlank()) {
      feeds = parseFeedList(envFeeds, "WIREWATCH_FEEDS");
    }
    applyEnvironment(environment, values, sources);
    overrides.forEach((key, value) -> put(values, sources, key, value, "command line"));
    if (feedsOverride != null) {
      feeds = feedsOverride;
    }
    WirewatchConfig config = new WirewatchConfig(values, sources, feeds == null ? Settings.DEFAULT_FEEDS : feeds);
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

  /** The typed value of {@code key}, as its {@link Setting} parses it (the configuration is validated already). */
  public Object value(String key) {
    Setting<?> setting = Settings.find(key).orElseThrow(() -> new IllegalArgumentException("no configuration key " + key));
    return setting.parse(get(key), sources.getOrDefault(key, "default"));
  }

  public int integer(String key) {
    return typed(key, Integer.class);
  }

  public boolean bool(String key) {
    return typed(key, Boolean.class);
  }

  public Duration duration(String key) {
    return typed(key, Duration.class);
  }

  public List<String> list(String key) {
    return Arrays.stream(get(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private <T> T typed(String key, Class<T> type) {
    Object value = value(key);
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(key + " is not of type " + type.getSimpleName());
    }
    return type.cast(value);
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

  /** Parses 500ms, 30s, 5m, 1h, 1d, or a bare number of seconds; one-line error otherwise (also on overflow). */
  public static Duration parseDuration(String text, String what) {
    return SettingType.Durations.parse(text).orElseThrow(() ->
        new ConfigException(what + " must be a duration such as 30s, 5m or 1h, was '" + text + "'"));
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
      feeds.add(feed(item.substring(0, eq).trim(), item.substring(eq + 1).trim(), null, where, feeds.size()));
    }
    return feeds;
  }

  /**
   * Checks every value against its {@link Setting}'s type and limits, and every feed, so that a command
   * rejects a bad configuration before it starts anything.
   */
  private void validate() {
    values.keySet().forEach(this::value);
    for (int i = 0; i < feeds.size(); i++) {
      FeedSpec feed = feeds.get(i);
      String where = sources.getOrDefault(Settings.FEEDS, "feeds");
      checkFeedUrl(feed.url(), "feeds[" + i + "].url", where);
      if (feed.interval() != null) {
        Settings.FEED_INTERVAL_TYPE_SETTING.parse(SettingType.Durations.format(feed.interval()), where);
      }
    }
  }

  /** The feed URL as a URI, or a one-line error: absolute, http(s), with a host. */
  private static void checkFeedUrl(String url, String key, String where) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return;
      }
    } catch (URISyntaxException e) {
      // rejected below
    }
    throw new ConfigException(Setting.rejection(key, url, where, FEED_URL_ALLOWED));
  }

  private static List<FeedSpec> readYaml(Path file, Map<String, String> values, Map<String, String> sources) {
    JsonNode root;
    try {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("cannot read config file " + file + ": no such file");
      }
      if (Files.size(file) > MAX_CONFIG_BYTES) {
        throw new ConfigException("config file " + file + " is larger than " + MAX_CONFIG_BYTES / 1024
            + " KiB, which no configuration needs; is it the right file?");
      }
      root = YAML.readTree(Files.readString(file));
    } catch (CharacterCodingException e) {
      throw new ConfigException("config file " + file + " is not UTF-8 text (is it the right file?)", e);
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
        feeds = readFeeds(entry.getValue(), "config file " + file);
        sources.put(Settings.FEEDS, "config file " + file);
      } else {
        flatten(entry.getKey(), entry.getValue(), values, sources, "config file " + file);
      }
    }
    return feeds;
  }

  private static List<FeedSpec> readFeeds(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new ConfigException(where + ": feeds must be a list of {source, url, kind, linkPattern, interval}");
    }
    List<FeedSpec> feeds = new ArrayList<>();
    for (JsonNode item : node) {
      int index = feeds.size();
      if (!item.isObject()) {
        throw new ConfigException(where + ": each feed must be a mapping with source and url");
      }
      Set<String> keys = new TreeSet<>();
      item.fieldNames().forEachRemaining(keys::add);
      keys.removeAll(Set.of("source", "url", "interval", "ignoreRobots", "kind", "linkPattern"));
      if (!keys.isEmpty()) {
        throw new ConfigException(where + ": unknown feed key '" + keys.iterator().next()
            + "' (known: source, url, kind, linkPattern, interval, ignoreRobots)");
      }
      String interval = item.path("interval").asText(null);
      Duration parsed = interval == null ? null : Settings.FEED_INTERVAL_TYPE_SETTING.parse(interval, where);
      FeedSpec feed = feed(item.path("source").asText("generic"), item.path("url").asText(""), parsed, where, index);
      JsonNode ignoreRobots = item.path("ignoreRobots");
      if (!ignoreRobots.isMissingNode() && !ignoreRobots.isBoolean()) {
        throw new ConfigException(where + ": feed ignoreRobots must be true or false");
      }
      feeds.add(listKeys(new FeedSpec(feed.source(), feed.url(), feed.interval(), ignoreRobots.asBoolean(false),
          item.path("kind").asText(null), item.path("linkPattern").asText(null)), where));
    }
    return feeds;
  }

  /** Checks a source's kind and link pattern: feed or list; a regex that compiles; a generic list has one. */
  private static FeedSpec listKeys(FeedSpec feed, String where) {
    if (feed.kind() != null && !feed.kind().equals("feed") && !feed.kind().equals("list")) {
      throw new ConfigException(where + ": feed kind must be feed or list, was '" + feed.kind() + "'");
    }
    if (feed.linkPattern() != null) {
      try {
        java.util.regex.Pattern.compile(feed.linkPattern());
      } catch (java.util.regex.PatternSyntaxException e) {
        throw new ConfigException(where + ": feed linkPattern is not a valid regex: '" + feed.linkPattern() + "' ("
            + e.getDescription() + ")");
      }
    }
    if ("list".equals(feed.kind()) && feed.linkPattern() == null
        && !dev.wirewatch.ingest.FeedSource.hasArticlePattern(feed.source())) {
      throw new ConfigException(where + ": the " + feed.source() + " list page " + feed.url()
          + " needs a linkPattern (a regex for its article links)");
    }
    return feed;
  }

  private static FeedSpec feed(String source, String url, Duration interval, String where, int index) {
    checkFeedUrl(url, "feeds[" + index + "].url", where);
    if (!source.matches("[a-z][a-z0-9-]*")) {
      throw new ConfigException(where + ": feed source must be a lower-case name such as xinhua, ecns or generic, was '" + source + "'");
    }
    return new FeedSpec(source, url, interval);
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> values, Map<String, String> sources,
      String where) {
    // The kafka section passes through whatever client property it holds, so its keys are taken whole.
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> entry = it.next();
        flatten(prefix + "." + entry.getKey(), entry.getValue(), values, sources, where);
      }
      return;
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(n -> items.add(n.asText()));
      put(values, sources, prefix, String.join(",", items), where);
      return;
    }
    put(values, sources, prefix, node.isNull() ? "" : node.asText(), where);
  }

  private static void applyEnvironment(Map<String, String> environment, Map<String, String> values,
      Map<String, String> sources) {
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(environment).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(ENV_PREFIX) || name.equals(ENV_PREFIX + "FEEDS")) {
        continue;
      }
      put(values, sources, keyOfEnvironmentVariable(name), e.getValue(), "environment variable " + name);
    }
  }

  /** WIREWATCH_STORAGE_URL → storage.url; WIREWATCH_KAFKA_SASL_JAAS_CONFIG → kafka.sasl.jaas.config. */
  static String keyOfEnvironmentVariable(String name) {
    String rest = name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
    for (Setting<?> s : Settings.all()) {
      if (s.environmentVariable().equalsIgnoreCase(name)) {
        return s.key();
      }
    }
    return rest.replace('_', '.');
  }

  private static void put(Map<String, String> values, Map<String, String> sources, String key, String value,
      String where) {
    if (Settings.find(key).isEmpty() || key.equals(Settings.FEEDS)) {
      throw new ConfigException("unknown configuration key '" + key + "' in " + where);
    }
    values.put(key, value == null ? "" : value);
    sources.put(key, where);
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
