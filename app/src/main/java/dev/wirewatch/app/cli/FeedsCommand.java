package dev.wirewatch.app.cli;

import dev.wirewatch.app.HealthFile;
import dev.wirewatch.app.KafkaAccess;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.broker.TopicSnapshot;
import dev.wirewatch.schema.FeedStatus;
import dev.wirewatch.schema.topic.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code wirewatch feeds}: the state of each source (ok, stale, failing, gone), the age of its newest item and its
 * last error, from the last record per source on {@code feed-status}; as a table or as JSON Lines.
 */
@Command(name = "feeds", description = "Print each source's state, newest item and last error (from the feed-status topic).")
final class FeedsCommand extends ConfiguredCommand {

  enum Format { table, json }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Option(names = "--format", paramLabel = "F", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE}).")
  Format format;

  @Override
  int run(WirewatchConfig config) {
    Map<String, FeedStatus> statuses;
    try (KafkaAccess kafka = KafkaAccess.open(config)) {
      statuses = TopicSnapshot.latestPerKey(Topics.FEED_STATUS, kafka.clientProperties(), Duration.ofSeconds(60));
    }
    List<FeedStatus> sorted = statuses.values().stream().sorted(Comparator.comparing(FeedStatus::getFeedUrl)).toList();
    PrintWriter out = out();
    if (format == Format.json) {
      sorted.forEach(s -> out.println(SourceView.json(s)));
      out.flush();
      return Main.OK;
    }
    Instant now = Instant.now();
    out.printf("%-7s %-8s %-4s %-5s %6s %5s %5s %5s %-20s %s%n", "state", "source", "kind", "http", "newest", "seen",
        "new", "old", "last poll", "source url / last error");
    sorted.forEach(s -> out.printf("%-7s %-8s %-4s %-5s %6s %5d %5d %5d %-20s %s%n",
        SourceView.state(s), s.getSource(), s.getKind() == null ? "-" : s.getKind(),
        s.getHttpStatus() == null ? "-" : s.getHttpStatus().toString(), SourceView.age(s, now),
        s.getItemsSeen(), s.getItemsNew(), s.getItemsTooOld(), TIME.format(Instant.ofEpochMilli(s.getPolledAt())),
        s.getFeedUrl() + (s.getError() == null ? "" : "  — " + s.getError())));
    out.println("(" + statuses.size() + " source" + (statuses.size() == 1 ? "" : "s") + ")");
    HealthFile.sinkWarning(config.dataDir()).ifPresent(w -> out.println("sink: " + w));
    out.flush();
    return Main.OK;
  }
}
