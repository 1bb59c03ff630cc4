package dev.wirewatch.app.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.app.Stages;
import dev.wirewatch.schema.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every value is checked against its {@link Setting} when the configuration is read, so that {@code config}
 * and {@code run} reject it at once (regression: {@code run} used to start the broker and fail 8 to 16 s
 * later on values {@code config} had accepted).
 */
class SettingValidationTest {

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "ingest.read.timeout   | 0s                    | a duration from 1ms to 1h",
      "ingest.connect.timeout| 99999999999999999999d | a duration from 1ms to 1h",
      "ingest.interval       | 9999999999999999d     | a duration from 1s to 30d",
      "ingest.max.page.bytes | 8388608               | a whole number from 1024 to 7340032",
      "ingest.max.feed.bytes | -5                    | a whole number from 1024 to 67108864",
      "ingest.max.redirects  | 99999999999           | a whole number from 0 to 20",
      "sink.batch.linger     | 0ms                   | a duration from 1ms to 10m",
      "topics.replication.factor | 0                 | -1, or a whole number from 1 to 32767",
      "ingest.archive.pages  | yes                   | true or false",
      "storage.url           | jdbc:mysql://db/x     | empty, or a jdbc:sqlite: or jdbc:postgresql: URL",
      "classify.application.id | a b                 | a name of letters, digits",
      "ingest.allowed.hosts  | https://example.org/  | comma-separated host names"})
  void aValueOutsideItsRangeIsOneLineNamingKeyValueAndRange(String key, String value, String allowed) {
    // When a flag sets a value the stages cannot run with
    ConfigException e = assertThrows(ConfigException.class,
        () -> WirewatchConfig.load(null, Map.of(), Map.of(key, value), null));

    // Then the configuration is refused on one line naming the key, the value, its origin and what is allowed
    assertOneLine(e.getMessage());
    assertTrue(e.getMessage().startsWith(key + " = '" + value + "' (command line) is not allowed: must be " + allowed),
        e.getMessage());
  }

  @Test
  void theLargestPageAllowedIsWhatARawArticlesRecordHolds() {
    // The limit comes from the topic's record limit, the same constant the topics are provisioned with
    assertEquals(Topics.MAX_MESSAGE_BYTES - Topics.RECORD_OVERHEAD_BYTES, Topics.MAX_ARCHIVED_PAGE_BYTES);
    assertEquals(Integer.toString(Topics.MAX_MESSAGE_BYTES), Topics.RAW_ARTICLES.configs().get("max.message.bytes"));
    String atLimit = Integer.toString(Topics.MAX_ARCHIVED_PAGE_BYTES);
    assertDoesNotThrow(() -> WirewatchConfig.of(Map.of(Settings.MAX_PAGE_BYTES, atLimit), null));
    assertThrows(ConfigException.class,
        () -> WirewatchConfig.of(Map.of(Settings.MAX_PAGE_BYTES, Integer.toString(Topics.MAX_ARCHIVED_PAGE_BYTES + 1)), null));
  }

  @Test
  void aFeedIntervalOfZeroInTheFileIsRefusedNamingTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("w.yaml"), """
        feeds:
          - source: ecns
            url: https://www.ecns.cn/rss/rss.xml
            interval: 0s
        """);
    ConfigException e = assertThrows(ConfigException.class, () -> WirewatchConfig.load(file, Map.of(), Map.of(), null));
    assertOneLine(e.getMessage());
    assertTrue(e.getMessage().contains("interval = '0s'") && e.getMessage().contains(file.toString())
        && e.getMessage().contains("a duration from 1s to 30d"), e.getMessage());
  }

  @Test
  void aMalformedFeedUrlIsRefusedWhereverTheFeedComesFrom() throws IOException {
    Path file = Files.writeString(dir.resolve("w.yaml"), """
        feeds:
          - source: generic
            url: "https://exa mple.org/feed"
        """);
    ConfigException fromFile = assertThrows(ConfigException.class, () -> WirewatchConfig.load(file, Map.of(), Map.of(), null));
    assertOneLine(fromFile.getMessage());
    assertTrue(fromFile.getMessage().startsWith("feeds[0].url = 'https://exa mple.org/feed'"), fromFile.getMessage());

    ConfigException fromEnvironment = assertThrows(ConfigException.class, () -> WirewatchConfig.load(null,
        Map.of("WIREWATCH_FEEDS", "ecns=https://www.ecns.cn/rss.xml,generic=http://[oops/"), Map.of(), null));
    assertTrue(fromEnvironment.getMessage().startsWith("feeds[1].url = 'http://[oops/'"), fromEnvironment.getMessage());

    ConfigException fromFeedList = assertThrows(ConfigException.class, () -> WirewatchConfig.of(Map.of(),
        List.of(new FeedSpec("generic", "https:///no-host", null))));
    assertTrue(fromFeedList.getMessage().contains("an absolute http:// or https:// URL with a host"), fromFeedList.getMessage());
  }

  @Test
  void aConfigFileThatIsNotUtf8OrTooLargeIsOneLine() throws IOException {
    Path binary = Files.write(dir.resolve("bin.yaml"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF});
    ConfigException notText = assertThrows(ConfigException.class, () -> WirewatchConfig.load(binary, Map.of(), Map.of(), null));
    assertEquals("config file " + binary + " is not UTF-8 text (is it the right file?)", notText.getMessage());

    Path big = Files.write(dir.resolve("big.yaml"), new byte[(int) WirewatchConfig.MAX_CONFIG_BYTES + 1]);
    ConfigException tooBig = assertThrows(ConfigException.class, () -> WirewatchConfig.load(big, Map.of(), Map.of(), null));
    assertTrue(tooBig.getMessage().contains("is larger than 1024 KiB"), tooBig.getMessage());
  }

  @Test
  void everyDefaultIsAllowedByItsOwnType() {
    for (Setting<?> setting : Settings.all()) {
      assertDoesNotThrow(() -> setting.parse(setting.defaultValue(), "default"), setting.key());
    }
  }

  @Test
  void whatTheConfigurationAllowsTheStagesAccept() {
    // Given every setting at the low and then the high end of its range
    Map<String, String> low = Map.of(Settings.CONNECT_TIMEOUT, "1ms", Settings.READ_TIMEOUT, "1ms",
        Settings.MAX_FEED_BYTES, "1024", Settings.MAX_PAGE_BYTES, "1024", Settings.PER_HOST_DELAY, "0s",
        Settings.MAX_REDIRECTS, "0", Settings.FEED_INTERVAL, "1s", Settings.SINK_BATCH_SIZE, "1",
        Settings.SINK_BATCH_LINGER, "1ms", Settings.SINK_RETRY_BACKOFF_MAX, "500ms");
    Map<String, String> high = Map.of(Settings.CONNECT_TIMEOUT, "1h", Settings.READ_TIMEOUT, "1h",
        Settings.MAX_FEED_BYTES, "67108864", Settings.MAX_PAGE_BYTES, Integer.toString(Topics.MAX_ARCHIVED_PAGE_BYTES),
        Settings.PER_HOST_DELAY, "1h", Settings.MAX_REDIRECTS, "20", Settings.FEED_INTERVAL, "30d",
        Settings.SINK_BATCH_SIZE, "100000", Settings.SINK_BATCH_LINGER, "10m", Settings.SINK_RETRY_BACKOFF_MAX, "1h");

    // Then the stages' own settings build from them: nothing the configuration accepts fails at start-up
    for (Map<String, String> values : List.of(low, high)) {
      WirewatchConfig config = WirewatchConfig.of(values, null);
      assertDoesNotThrow(() -> Stages.ingestSettings(config), values.toString());
      assertDoesNotThrow(() -> Stages.sinkSettings(config), values.toString());
    }
    assertEquals(Duration.ofHours(1), WirewatchConfig.of(high, null).duration(Settings.SINK_RETRY_BACKOFF_MAX));
  }

  private static void assertOneLine(String message) {
    assertEquals(1, message.lines().count(), message);
  }
}
