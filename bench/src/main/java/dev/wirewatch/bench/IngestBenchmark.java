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
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingest throughput with list-page sources: 20 sources × 100 items with their pages served by a local HTTP
 * server, polled into the embedded broker. Half the sources are Xinhua-style list pages that name a JSON data
 * source ({@code ds_<id>.json}, relative links, Beijing times), half ECNS-style HTML lists without one. Prints
 * articles/s of the first round, and for a second round the share of list-page and JSON requests answered 304
 * and the number of article pages fetched again (targets: 100 % and 0).
 *
 * <p>Run: {@code bench/run ingest [sources] [itemsPerSource]}
 */
public final class IngestBenchmark {

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter PAGE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BEIJING);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(BEIJING);
  private static final DateTimeFormatter ISO_DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(BEIJING);
  private static final String[] TOPICS = {"port traffic", "rail freight", "grain harvest", "solar output",
      "museum visits", "river levels", "bond yields", "vaccine trials", "container rates", "forest cover"};

  private final Instant now = Instant.now();
  private final AtomicInteger listOk = new AtomicInteger();
  private final AtomicInteger listNotModified = new AtomicInteger();
  private final AtomicInteger pages = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    int sources = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int items = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    new IngestBenchmark().run(sources, items);
    System.exit(0);
  }

  private void run(int sourceCount, int items) throws Exception {
    Path dataDir = Files.createTempDirectory("wirewatch-bench-ingest");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService executor = Executors.newFixedThreadPool(8);
    server.setExecutor(executor);
    server.createContext("/", exchange -> serve(exchange, items));
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
      TopicProvisioner.ensureTopics(kafka.clientProperties(), 1, (short) -1);
      List<FeedSource> sources = new ArrayList<>();
      for (int s = 0; s < sourceCount; s++) {
        sources.add(s % 2 == 0
            ? new FeedSource("xinhua", java.net.URI.create(base + "/x" + s + "/list/latestnews.htm"), Duration.ofMinutes(5))
            : new FeedSource("ecns", java.net.URI.create(base + "/news/s" + s + "/index.shtml"), Duration.ofMinutes(5)));
      }
      IngestSettings settings = IngestSettings.defaults(sources).withPerHostDelay(Duration.ZERO);
      try (IngestService ingest = new IngestService(settings, kafka.clientProperties())) {
        long t0 = System.nanoTime();
        PollSummary first = ingest.pollAllOnce();
        double seconds = (System.nanoTime() - t0) / 1e9;
        int pagesFirst = pages.getAndSet(0);
        listOk.set(0);
        listNotModified.set(0);

        long t1 = System.nanoTime();
        PollSummary second = ingest.pollAllOnce();
        double secondSeconds = (System.nanoTime() - t1) / 1e9;

        System.out.println(Machine.describe());
        System.out.printf("round 1: %d list pages (%d with a JSON data source) x %d items, %d articles produced (%d pages fetched) in %.2f s = %.1f articles/s%n",
            sourceCount, (sourceCount + 1) / 2, items, first.articlesNew(), pagesFirst, seconds, first.articlesNew() / seconds);
        int requests = listOk.get() + listNotModified.get();
        System.out.printf("round 2: %d of %d list-page and JSON requests answered 304 (%.0f%%), %d pages fetched again, %d articles produced, %.2f s%n",
            listNotModified.get(), requests, requests == 0 ? 0.0 : 100.0 * listNotModified.get() / requests,
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
      String type = BenchHttp.HTML;
      byte[] body;
      if (path.endsWith("/list/latestnews.htm") || path.endsWith("/index.shtml") || path.contains("/list/ds_")) {
        String etag = "\"" + path.hashCode() + "-v1\"";
        exchange.getResponseHeaders().set("ETag", etag);
        if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
          listNotModified.incrementAndGet();
          exchange.sendResponseHeaders(304, -1);
          return;
        }
        listOk.incrementAndGet();
        if (path.endsWith("/list/latestnews.htm")) {
          body = xinhuaList(parts[1]).getBytes(StandardCharsets.UTF_8);
        } else if (path.contains("/list/ds_")) {
          body = dataSource(parts[1], items).getBytes(StandardCharsets.UTF_8);
          type = "application/json; charset=utf-8";
        } else {
          body = ecnsList(parts[2], items).getBytes(StandardCharsets.UTF_8);
        }
      } else if (path.endsWith("/c.html") || path.endsWith(".shtml")) {
        pages.incrementAndGet();
        body = page(path).getBytes(StandardCharsets.UTF_8);
      } else {
        body = null;
        type = null;
      }
      BenchHttp.send(exchange, type, body);
    }
  }

  private static String xinhuaList(String source) {
    return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Latest News</title></head><body>"
        + "<div class=\"nav\"><a href=\"../china/index.htm\">China</a> <a href=\"../world/index.htm\">World</a></div>"
        + "<div id=\"list\" class=\"list\" data=\"datasource:" + hex(source, -1) + "\" datatype=\"ds\" preview=\"ds_\"></div>"
        + "</body></html>";
  }

  private String dataSource(String source, int items) {
    StringBuilder json = new StringBuilder("{\"datasource\":[");
    for (int i = 0; i < items; i++) {
      Instant listed = now.minus(Duration.ofMinutes(10L * i + 5));
      json.append(i == 0 ? "" : ",").append("{\"title\":\"").append(title(source, i)).append("\",\"publishUrl\":\"../")
          .append(DAY.format(listed)).append('/').append(hex(source, i)).append("/c.html\",\"publishTime\":\"")
          .append(PAGE_TIME.format(listed)).append("\",\"summary\":\"\",\"keywords\":\"\",\"contentId\":\"")
          .append(hex(source, i)).append("\"}");
    }
    return json.append("]}").toString();
  }

  private String ecnsList(String section, int items) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Politics</title></head><body>")
        .append("<ul class=\"menu\"><li><a href=\"/news/politics/index.shtml\">Politics</a></li></ul><ul class=\"bizlst\">");
    for (int i = 0; i < items; i++) {
      String link = ISO_DAY.format(now.minus(Duration.ofHours(i))) + "/detail-" + section + "x" + i + ".shtml";
      html.append("<li><a href=\"").append(link).append("\"><img src=\"x.jpg\"></a><h3><a href=\"").append(link).append("\">")
          .append(title(section, i)).append("</a></h3><b>today</b></li>");
    }
    return html.append("</ul><div class=\"page\"><a href=\"index_2.shtml\">Next</a></div></body></html>").toString();
  }

  /** 32 hex digits, distinct per source and item. */
  private static String hex(String source, int item) {
    return String.format(Locale.ROOT, "%016x%016x", source.hashCode() & 0xffffffffL, item & 0xffffffffL);
  }

  private static String title(String source, int item) {
    return "Report " + source + "-" + item + " on " + TOPICS[Math.floorMod(source.hashCode() + item, TOPICS.length)];
  }

  private String page(String path) {
    String topic = TOPICS[Math.floorMod(path.hashCode(), TOPICS.length)];
    String time = PAGE_TIME.format(now.minus(Duration.ofMinutes(Math.floorMod(path.hashCode(), 600))));
    StringBuilder html = new StringBuilder("<html><head><meta charset=\"utf-8\"><title>Report on ").append(topic)
        .append("</title><meta name=\"publishdate\" content=\"").append(time).append("\"></head><body>")
        .append("<div class=\"nav\"><a href=\"/\">Home</a> <a href=\"/china\">China</a> <a href=\"/world\">World</a></div>")
        .append("<div class=\"header-time\">").append(time).append("</div>")
        .append("<div class=\"conTop\"><h1>Report on ").append(topic).append("</h1></div><h1 id=\"contitle\">Report on ")
        .append(topic).append("</h1><div class=\"content\" id=\"detailContent\">")
        .append("<p>BEIJING, June 18 (Xinhua) -- Officials on Tuesday released figures on ").append(topic)
        .append(" for the first five months, showing steady change across the regions surveyed.</p>");
    for (int p = 0; p < 5; p++) {
      html.append("<p>Paragraph ").append(p + 1).append(" of the report at ").append(path)
          .append(" compares this year's ").append(topic).append(" with the average of the past decade and notes that ")
          .append("analysts expect the trend to continue through the summer months as demand recovers.</p>");
    }
    return html.append("</div><div class=\"footer\">Copyright</div></body></html>").toString();
  }
}
