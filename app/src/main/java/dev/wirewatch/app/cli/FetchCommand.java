package dev.wirewatch.app.cli;

import dev.wirewatch.app.KafkaAccess;
import dev.wirewatch.app.Stages;
import dev.wirewatch.app.config.Settings;
import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.broker.TopicProvisioner;
import dev.wirewatch.ingest.BackfillResult;
import dev.wirewatch.ingest.IngestService;
import dev.wirewatch.ingest.IngestSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code wirewatch fetch URL... | --urls F}: backfill. Archives the named article pages in {@code raw-articles}, so
 * they are classified like any other, with the ingest stage's fetcher, profiles, politeness, robots rules and
 * dedupe; the hosts named here are allowed and no age gate applies. One line per URL; exit 0 when every page was
 * archived (or already was), 1 when some failed (the others are still archived), 2 for a malformed URL or a
 * missing file.
 */
@Command(name = "fetch", description = "Archive the named article pages so they are classified like any other (backfill).")
final class FetchCommand extends ConfiguredCommand {

  @Parameters(paramLabel = "URL", arity = "0..*", description = "Article page URLs.")
  List<String> urls = new ArrayList<>();

  @Option(names = "--urls", paramLabel = "F", description = "A file of article URLs, one per line (# starts a comment).")
  Path urlFile;

  @Option(names = "--source", paramLabel = "S", description = "Site profile to use (xinhua, ecns, generic); default: from each URL.")
  String source;

  @Override
  int run(WirewatchConfig config) {
    List<URI> pages = pages();
    Set<String> hosts = new LinkedHashSet<>(config.list(Settings.ALLOWED_HOSTS));
    // The named pages' origins: host:port when the URL names a port, since a host alone allows only 80 and 443.
    pages.forEach(u -> hosts.add(u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() == -1 ? "" : ":" + u.getPort())));
    // Backfill names its pages: only they are fetched, whatever their age, and no source is polled.
    IngestSettings settings = Stages.ingestSettings(config).withFeeds(List.of()).withAllowedHosts(hosts)
        .withFreshness(Duration.ZERO, config.duration(Settings.STALE_AFTER));
    List<BackfillResult> results;
    try (KafkaAccess kafka = KafkaAccess.open(config)) {
      TopicProvisioner.ensureTopics(kafka.clientProperties(), config.integer(Settings.TOPIC_PARTITIONS),
          (short) config.integer(Settings.TOPIC_REPLICATION));
      try (IngestService ingest = new IngestService(settings, kafka.clientProperties())) {
        results = ingest.backfill(pages, source);
      }
    }
    PrintWriter out = out();
    int failed = 0;
    for (BackfillResult r : results) {
      switch (r.outcome()) {
        case NEW -> out.println("archived   " + r.url() + "  " + r.articleId());
        case CHANGED -> out.println("updated    " + r.url() + "  " + r.articleId());
        case UNCHANGED -> out.println("unchanged  " + r.url() + "  " + r.articleId() + " (already archived)");
        default -> {
          failed++;
          out.println("failed     " + r.url() + "  " + Main.oneLine(r.message()));
        }
      }
    }
    out.flush();
    if (failed > 0) {
      err().println("wirewatch: " + failed + " of " + results.size() + " pages not archived");
      return Main.FAILURE;
    }
    return Main.OK;
  }

  /** The URLs of the command line and of --urls, checked before anything starts. */
  private List<URI> pages() {
    List<String> named = new ArrayList<>(urls);
    if (urlFile != null) {
      try {
        for (String line : Files.readAllLines(urlFile)) {
          String t = line.strip();
          if (!t.isEmpty() && !t.startsWith("#")) {
            named.add(t);
          }
        }
      } catch (NoSuchFileException e) {
        throw new UserError("cannot read --urls " + urlFile + ": no such file");
      } catch (IOException e) {
        throw new UserError("cannot read --urls " + urlFile + ": " + e.getMessage(), e);
      }
    }
    if (named.isEmpty()) {
      throw new UserError("name at least one article URL, or a file of them with --urls");
    }
    List<URI> pages = new ArrayList<>();
    for (String text : named) {
      pages.add(parse(text));
    }
    return pages;
  }

  private static URI parse(String text) {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).matches("https?") || uri.getHost() == null) {
        throw new UserError("not an absolute http(s) URL: '" + text + "'");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new UserError("not a valid URL: '" + text + "' (" + e.getReason() + ")", e);
    }
  }
}
