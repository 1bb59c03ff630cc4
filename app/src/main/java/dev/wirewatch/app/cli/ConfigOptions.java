package dev.wirewatch.app.cli;

import dev.wirewatch.app.config.FeedFiles;
import dev.wirewatch.app.config.FeedSpec;
import dev.wirewatch.app.config.WirewatchConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command shares: where the configuration comes from. */
public final class ConfigOptions {

  static final Path DEFAULT_CONFIG = Path.of("wirewatch.yaml");

  @Option(names = "--config", paramLabel = "F", description = "YAML configuration file (default: ./wirewatch.yaml if present).")
  Path configFile;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one configuration key, e.g. --set data.dir=/var/lib/wirewatch.")
  Map<String, String> overrides = new LinkedHashMap<>();

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Same as --set data.dir=DIR.")
  Path dataDir;

  @Option(names = "--feeds", paramLabel = "F", description = "Feeds to poll, from an OPML file or a YAML file with a feeds list.")
  Path feedsFile;

  /** The effective configuration for this invocation. */
  public WirewatchConfig load(Map<String, String> environment) {
    Path file = configFile;
    if (file == null && Files.isRegularFile(DEFAULT_CONFIG)) {
      file = DEFAULT_CONFIG;
    }
    Map<String, String> flags = new LinkedHashMap<>(overrides);
    if (dataDir != null) {
      flags.put("data.dir", dataDir.toString());
    }
    List<FeedSpec> feeds = feedsFile == null ? null : FeedFiles.read(feedsFile);
    return WirewatchConfig.load(file, environment, flags, feeds);
  }
}
