package dev.wirewatch.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.TopicProvisioner;
import dev.wirewatch.ingest.FeedSource;
import dev.wirewatch.ingest.IngestService;
import dev.wirewatch.ingest.IngestSettings;
import dev.wirewatch.ingest.PollSummary;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingest throughput: 20 feeds × 100 items with their pages served by a local HTTP server, polled into the
 * embedded broker. Prints articles/s of the first round, and for a second round the share of feed requests
 * answered 304 and the number of pages fetched again (targets: 100 % and 0).
 *
 * <p>Run: {@code bench/run ingest [feeds] [itemsPerFeed]}
 */
public final class IngestBenchmark {

  private static final DateTimeFormatter PAGE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String[] TOPICS = {"port traffic", "rail freight", "grain harvest", "solar output",
      "museum visits", "river levels", "bond yields", "vaccine trials", "container rates", "forest cover"};

  private final AtomicInteger feedOk = new AtomicInteger();
  private final AtomicInteger feedNotModified = new AtomicInteger();
  private final AtomicInteger pages = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    int feeds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int items = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    new IngestBenchmark().run(feeds, items);
    System.exit(0);
  }

  private void run(int feedCount, int items) throws Exception {
    Path dataDir = Files.createTempDirectory("wirewatch-bench-ingest");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService executor = Executors.newFixedThreadPool(8);
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(exchange, items));
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      TopicProvisioner.ensureTopics(kafka.clientProperties(), 1, (short) -1);
      List<FeedSource> feeds = new ArrayList<>();
      for (int f = 0; f < feedCount; f++) {
        feeds.add(new FeedSource("xinhua", java.net.URI.create(base + "/feed/" + f + ".xml"), Duration.ofMinutes(5)));
      }
      IngestSettings settings = IngestSettings.defaults(feeds).withPerHostDelay(Duration.ZERO);
      try (IngestService ingest = new IngestService(settings, kafka.clientProperties())) {
        long t0 = System.nanoTime();
        PollSummary first = ingest.pollAllOnce();
        double seconds = (System.nanoTime() - t0) / 1e9;
        int pagesFirst = pages.getAndSet(0);
        feedOk.set(0);
        feedNotModified.set(0);

        long t1 = System.nanoTime();
        PollSummary second = ingest.pollAllOnce();
        double secondSeconds = (System.nanoTime() - t1) / 1e9;

        System.out.println(Machine.describe());
        System.out.printf("round 1: %d feeds x %d items, %d articles produced (%d pages fetched) in %.2f s = %.1f articles/s%n",
            feedCount, items, first.articlesNew(), pagesFirst, seconds, first.articlesNew() / seconds);
        int feedRequests = feedOk.get() + feedNotModified.get();
        System.out.printf("round 2: %d of %d feed requests answered 304 (%.0f%%), %d pages fetched again, %d articles produced, %.2f s%n",
            feedNotModified.get(), feedRequests, feedRequests == 0 ? 0.0 : 100.0 * feedNotModified.get() / feedRequests,
            pages.get(), second.articlesNew() + second.articlesChanged(), secondSeconds);
      }
    } finally {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void serve(HttpExchange exchange, int items) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String[] parts = path.split("/");
      byte[] body;
      String type;
      if (path.startsWith("/feed/")) {
        int feed = Integer.parseInt(parts[2].replace(".xml", ""));
        String etag = "\"feed-" + feed + "-v1\"";
        exchange.getResponseHeaders().set("ETag", etag);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
          feedNotModified.incrementAndGet();
          exchange.sendResponseHeaders(304, -1);
          return;
        }
        feedOk.incrementAndGet();
        body = feed(exchange, feed, items).getBytes(StandardCharsets.UTF_8);
        type = BenchHttp.RSS;
      } else if (path.startsWith("/a/")) {
        pages.incrementAndGet();
        body = page(Integer.parseInt(parts[2]), Integer.parseInt(parts[3].replace(".html", ""))).getBytes(StandardCharsets.UTF_8);
        type = BenchHttp.HTML;
      } else {
        body = null;
        type = null;
      }
      BenchHttp.send(exchange, type, body);
    }
  }

  private static String feed(HttpExchange exchange, int feed, int items) {
    String host = "http://" + exchange.getRequestHeaders().getFirst("Host");
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>")
        .append("<title>Bench feed ").append(feed).append("</title><link>").append(host).append("/</link><description>bench</description>");
    for (int i = 0; i < items; i++) {
      xml.append("<item><title>").append(title(feed, i)).append("</title><link>").append(host).append("/a/")
          .append(feed).append('/').append(i).append(".html</link><pubDate>Tue, 18 Jun 2024 12:00:00 +0800</pubDate>")
          .append("<description>Item ").append(i).append("</description></item>");
    }
    return xml.append("</channel></rss>").toString();
  }

  private static String title(int feed, int item) {
    return "Report " + feed + "-" + item + " on " + TOPICS[(feed + item) % TOPICS.length];
  }

  private static String page(int feed, int item) {
    String topic = TOPICS[(feed + item) % TOPICS.length];
    String time = PAGE_TIME.format(LocalDateTime.of(2024, 6, 18, 8, 0).plusMinutes(feed * 100L + item));
    StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"><title>").append(title(feed, item))
        .append("</title><meta name=\"publishdate\" content=\"").append(time).append("\"></head><body>")
        .append("<div class=\"nav\"><a href=\"/\">Home</a> <a href=\"/china\">China</a> <a href=\"/world\">World</a></div>")
        .append("<div class=\"header-time\">").append(time).append("</div>")
        .append("<div class=\"conTop\"><h1>").append(title(feed, item)).append("</h1></div><div id=\"detailContent\">")
        .append("<p>BEIJING, June 18 (Xinhua) -- Officials on Tuesday released figures on ").append(topic)
        .append(" for the first five months, showing steady change across the regions surveyed.</p>");
    for (int p = 0; p < 5; p++) {
      html.append("<p>Paragraph ").append(p + 1).append(" of report ").append(feed).append('-').append(item)
          .append(" compares this year's ").append(topic).append(" with the average of the past decade and notes that ")
          .append("analysts expect the trend to continue through the summer months as demand recovers.</p>");
    }
    return html.append("</div><div class=\"footer\">Copyright</div></body></html>").toString();
  }
}
