package dev.wirewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WirewatchConfigTest {

  @TempDir
  Path dir;

  @Test
  void defaultsWatchTheLiveWiresWithEmbeddedKafkaAndSqlite() {
    // When nothing is configured
    WirewatchConfig config = WirewatchConfig.load(null, Map.of(), Map.of(), null);

    // Then the design's defaults apply
    assertEquals(Settings.DEFAULT_FEEDS, config.feeds());
    assertTrue(config.embeddedKafka());
    assertEquals("jdbc:sqlite:" + Path.of("data", "wirewatch.db"), config.storageUrl());
    assertEquals(Duration.ofMinutes(5), config.duration(Settings.FEED_INTERVAL));
  }

  @Test
  void sourcesDeclareTheirKindAndLinkPatternAndTheFreshnessSettingsHaveDefaults() throws IOException {
    // Given the sources of the design: a Xinhua list page, the ECNS feed, a generic list with its pattern
    Path file = write("""
        feeds:
          - source: xinhua
            url: https://english.news.cn/list/latestnews.htm
            kind: list
          - source: ecns
            url: https://www.ecns.cn/rss/rss.xml
          - source: generic
            url: https://example.org/news/
            kind: list
            linkPattern: '/\\d{4}/\\d{2}/[a-z0-9-]+\\.html$'
        ingest:
          stale.after: 2d
        """);

    // When loaded
    WirewatchConfig config = WirewatchConfig.load(file, Map.of(), Map.of(), null);

    // Then kind and pattern arrive, an absent kind stays absent, and the age gate keeps its default
    assertEquals("list", config.feeds().get(0).kind());
    assertEquals(null, config.feeds().get(1).kind());
    assertEquals("/\\d{4}/\\d{2}/[a-z0-9-]+\\.html$", config.feeds().get(2).linkPattern());
    assertEquals(Duration.ofDays(30), config.duration(Settings.MAX_ITEM_AGE));
    assertEquals(Duration.ofDays(2), config.duration(Settings.STALE_AFTER));
  }

  @Test
  void aGenericListWithoutPatternOrAnUnknownKindIsRefusedOnOneLine() throws IOException {
    Path generic = write("""
        feeds:
          - source: generic
            url: https://example.org/news/
            kind: list
        """);
    ConfigException e = assertThrows(ConfigException.class, () -> WirewatchConfig.load(generic, Map.of(), Map.of(), null));
    assertTrue(e.getMessage().contains("needs a linkPattern"), e.getMessage());
    Path kind = write("""
        feeds:
          - source: ecns
            url: https://www.ecns.cn/rss/rss.xml
            kind: atom
        """);
    ConfigException k = assertThrows(ConfigException.class, () -> WirewatchConfig.load(kind, Map.of(), Map.of(), null));
    assertTrue(k.getMessage().contains("feed kind must be feed or list, was 'atom'"), k.getMessage());
    Path regex = write("""
        feeds:
          - source: generic
            url: https://example.org/news/
            linkPattern: '(unclosed'
        """);
    ConfigException r = assertThrows(ConfigException.class, () -> WirewatchConfig.load(regex, Map.of(), Map.of(), null));
    assertTrue(r.getMessage().contains("linkPattern is not a valid regex"), r.getMessage());
  }

  @Test
  void theDesignExampleFileLoads() throws IOException {
    // Given the YAML of DESIGN.md
    Path file = write("""
        feeds:
          - source: xinhua
            url: https://english.news.cn/rss/chinarss.xml
            interval: 5m
          - source: ecns
            url: https://www.ecns.cn/rss/rss.xml
        kafka:
          bootstrap.servers: "broker:9092"
          security.protocol: SASL_SSL
          sasl.jaas.config: "secret stuff"
        storage:
          url: "jdbc:postgresql://db/wirewatch"
          password: hunter2
        data.dir: /tmp/ww
        """);

    // When it is loaded
    WirewatchConfig config = WirewatchConfig.load(file, Map.of(), Map.of(), null);

    // Then every value arrives where the stages read it, and secrets are masked when shown
    assertEquals(2, config.feeds().size());
    assertEquals(Duration.ofMinutes(5), config.feeds().get(0).interval());
    assertFalse(config.embeddedKafka());
    assertEquals(Map.of("bootstrap.servers", "broker:9092", "security.protocol", "SASL_SSL", "sasl.jaas.config", "secret stuff"),
        config.kafkaClientProperties());
    assertEquals("jdbc:postgresql://db/wirewatch", config.storageUrl());
    assertEquals(Path.of("/tmp/ww"), config.dataDir());
    assertEquals("******", config.describe().get("storage.password"));
    assertEquals("******", config.describe().get("kafka.sasl.jaas.config"));
  }

  @Test
  void environmentOverridesTheFileAndFlagsOverrideTheEnvironment() throws IOException {
    // Given a file, an environment variable and a flag for the same key
    Path file = write("data.dir: /from/file\nstorage:\n  url: jdbc:sqlite:/from/file.db\n");
    Map<String, String> env = Map.of("WIREWATCH_DATA_DIR", "/from/env", "WIREWATCH_STORAGE_URL", "jdbc:sqlite:/env.db",
        "WIREWATCH_KAFKA_SECURITY_PROTOCOL", "SSL", "WIREWATCH_FEEDS", "ecns=https://www.ecns.cn/rss/rss.xml");

    // When loaded with a flag
    WirewatchConfig config = WirewatchConfig.load(file, env, Map.of("data.dir", "/from/flag"), null);

    // Then the most specific source wins
    assertEquals(Path.of("/from/flag"), config.dataDir());
    assertEquals("jdbc:sqlite:/env.db", config.storageUrl());
    assertEquals("SSL", config.kafkaClientProperties().get("security.protocol"));
    assertEquals(List.of(new FeedSpec("ecns", "https://www.ecns.cn/rss/rss.xml", null)), config.feeds());
  }

  @Test
  void unknownKeysAreErrorsNamingTheKeyAndItsSource() throws IOException {
    Path file = write("storage:\n  uri: jdbc:sqlite:x.db\n");
    ConfigException fromFile = assertThrows(ConfigException.class, () -> WirewatchConfig.load(file, Map.of(), Map.of(), null));
    assertTrue(fromFile.getMessage().contains("'storage.uri'") && fromFile.getMessage().contains(file.toString()), fromFile.getMessage());

    ConfigException fromEnv = assertThrows(ConfigException.class,
        () -> WirewatchConfig.load(null, Map.of("WIREWATCH_STORAGE_URI", "x"), Map.of(), null));
    assertTrue(fromEnv.getMessage().contains("WIREWATCH_STORAGE_URI"), fromEnv.getMessage());

    ConfigException fromFlag = assertThrows(ConfigException.class,
        () -> WirewatchConfig.load(null, Map.of(), Map.of("ingest.speed", "fast"), null));
    assertTrue(fromFlag.getMessage().contains("'ingest.speed'"), fromFlag.getMessage());
  }

  @Test
  void badValuesAreRejectedWithTheKey() {
    assertTrue(assertThrows(ConfigException.class,
        () -> WirewatchConfig.of(Map.of("ingest.interval", "soon"), null)).getMessage().contains("ingest.interval"));
    assertTrue(assertThrows(ConfigException.class,
        () -> WirewatchConfig.of(Map.of("storage.url", "jdbc:mysql://x"), null)).getMessage().contains("storage.url"));
    assertTrue(assertThrows(ConfigException.class,
        () -> WirewatchConfig.of(Map.of("topics.partitions", "many"), null)).getMessage().contains("topics.partitions"));
  }

  @Test
  void brokenYamlIsOneClearError() throws IOException {
    Path file = write("feeds: [\n  - : :\n");
    ConfigException e = assertThrows(ConfigException.class, () -> WirewatchConfig.load(file, Map.of(), Map.of(), null));
    assertTrue(e.getMessage().startsWith("config file " + file + " is not valid YAML"), e.getMessage());
    assertEquals(1, e.getMessage().lines().count());
  }

  @Test
  void opmlFeedListsAreReadWithoutDoctypes() throws IOException {
    // Given an OPML export with a profile category on one outline
    Path opml = write("""
        <?xml version="1.0"?>
        <opml version="2.0"><body>
          <outline text="Wires">
            <outline text="Xinhua" type="rss" xmlUrl="https://english.news.cn/rss/worldrss.xml"/>
            <outline text="Mirror" type="rss" category="ecns" xmlUrl="https://mirror.example.org/ecns.xml"/>
            <outline text="Blog" type="rss" xmlUrl="https://blog.example.org/feed"/>
          </outline>
        </body></opml>
        """);
    assertEquals(List.of(
        new FeedSpec("xinhua", "https://english.news.cn/rss/worldrss.xml", null),
        new FeedSpec("ecns", "https://mirror.example.org/ecns.xml", null),
        new FeedSpec("generic", "https://blog.example.org/feed", null)), FeedFiles.read(opml));

    // And an OPML file with a DOCTYPE (the door to XXE) is refused
    Path evil = write("<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<opml><body><outline xmlUrl=\"https://a.example/&x;\"/></body></opml>");
    ConfigException e = assertThrows(ConfigException.class, () -> FeedFiles.read(evil));
    assertTrue(e.getMessage().contains("not well-formed") || e.getMessage().contains("DOCTYPE"), e.getMessage());
  }

  private Path write(String text) throws IOException {
    Path file = Files.createTempFile(dir, "config", ".yaml");
    Files.writeString(file, text);
    return file;
  }
}
