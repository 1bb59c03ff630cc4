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
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code wirewatch feeds}: the health of each feed, from the last record per feed on {@code feed-status}. */
@Command(name = "feeds", description = "Print each feed's last poll result (from the feed-status topic).")
final class FeedsCommand extends ConfiguredCommand {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Override
  int run(WirewatchConfig config) {
    Map<String, FeedStatus> statuses;
    try (KafkaAccess kafka = KafkaAccess.open(config)) {
      statuses = TopicSnapshot.latestPerKey(Topics.FEED_STATUS, kafka.clientProperties(), Duration.ofSeconds(60));
    }
    PrintWriter out = out();
    out.printf("%-6s %-8s %-5s %5s %5s %5s %7s %-20s %s%n", "health", "source", "http", "seen", "new", "chg", "ms", "last poll", "feed / error");
    statuses.values().stream().sorted(java.util.Comparator.comparing(FeedStatus::getFeedUrl)).forEach(s ->
        out.printf("%-6s %-8s %-5s %5d %5d %5d %7d %-20s %s%n",
            s.getOk() ? "ok" : "FAIL", s.getSource(), s.getHttpStatus() == null ? "-" : s.getHttpStatus().toString(),
            s.getItemsSeen(), s.getItemsNew(), s.getItemsChanged(), s.getDurationMs(),
            TIME.format(Instant.ofEpochMilli(s.getPolledAt())),
            s.getFeedUrl() + (s.getError() == null ? "" : "  — " + s.getError())));
    out.println("(" + statuses.size() + " feed" + (statuses.size() == 1 ? "" : "s") + ")");
    HealthFile.sinkWarning(config.dataDir()).ifPresent(w -> out.println("sink: " + w));
    out.flush();
    return Main.OK;
  }
}
