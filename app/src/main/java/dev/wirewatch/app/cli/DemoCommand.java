package dev.wirewatch.app.cli;

import dev.wirewatch.app.Pipeline;
import dev.wirewatch.app.config.FeedSpec;
import dev.wirewatch.app.config.Settings;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.app.demo.DemoSite;
import dev.wirewatch.app.demo.EventPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

/**
 * {@code wirewatch demo}: the real pipeline against the bundled sample feeds served on localhost. Its
 * data lives in {@code <data.dir>/demo}, which each demo starts afresh so every run shows the same events.
 */
@Command(name = "demo", description = "Run the pipeline once against bundled sample feeds on localhost (works offline).")
final class DemoCommand extends ConfiguredCommand {

  private static final String MARKER = ".wirewatch-demo";

  @Override
  int run(WirewatchConfig base) throws IOException {
    Path demoDir = base.dataDir().resolve("demo");
    resetDemoDirectory(demoDir);
    try (DemoSite site = DemoSite.start()) {
      List<FeedSpec> feeds = site.feeds().stream().map(f -> new FeedSpec(f.getKey(), f.getValue(), null)).toList();
      Map<String, String> overrides = new LinkedHashMap<>();
      overrides.put(Settings.DATA_DIR, demoDir.toString());
      overrides.put(Settings.PER_HOST_DELAY, "0s");
      // The sample site's articles are from 2024: old by any age gate, and still the point of the demo.
      overrides.put(Settings.MAX_ITEM_AGE, "0");
      overrides.put(Settings.SINK_BATCH_LINGER, "200ms");
      WirewatchConfig config = WirewatchConfig.of(overrides, feeds);
      out().println("Serving the sample wire site at " + site.baseUrl() + " (" + feeds.size() + " feeds); starting the pipeline...");
      try (Pipeline pipeline = Pipeline.start(config);
          EventPrinter printer = EventPrinter.start(pipeline.kafkaProperties(), out())) {
        pipeline.runOnce(Duration.ofMinutes(3));
        printer.awaitQuiet(Duration.ofSeconds(2));
        out().println();
        out().println(printer.eventCount() + " dialogue events stored in " + config.storageUrl());
        out().println("List them with: ./wirewatch events --data-dir " + demoDir);
      }
    }
    return Main.OK;
  }

  /** Deletes the previous demo's data, but only a directory that an earlier demo created. */
  private static void resetDemoDirectory(Path demoDir) throws IOException {
    if (Files.isDirectory(demoDir)) {
      if (!Files.exists(demoDir.resolve(MARKER))) {
        throw new UserError(demoDir + " exists but was not made by wirewatch demo; move it or choose another --data-dir");
      }
      try (Stream<Path> paths = Files.walk(demoDir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(demoDir);
    Files.writeString(demoDir.resolve(MARKER), "made by wirewatch demo; deleted by the next demo\n");
  }
}
