package dev.wirewatch.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wirewatch.app.Pipeline;
import dev.wirewatch.app.config.FeedSpec;
import dev.wirewatch.app.config.WirewatchConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Latency and memory of the whole embedded default: articles appear on a local feed at a steady rate (50/s for
 * 2 min by default), each one a report of a different dialogue round, so each becomes a new stored event. The
 * pipeline polls the feed every second. Prints p50, p95 and p99 from an article's fetch to its event's stored row
 * (from the pipeline's own histogram, {@code wirewatch_fetch_to_stored_seconds}), and the heap and RSS
 * high-water marks of this JVM, which holds the whole pipeline ({@code bench/run latency} runs it with -Xmx384m).
 *
 * <p>Run: {@code bench/run latency [articlesPerSecond] [seconds]}
 */
public final class LatencyBenchmark {

  private static final String[] COUNTRIES = {"Denmark", "Norway", "Austria", "Australia", "Belgium", "Brazil",
      "Argentina", "Albania", "Armenia", "Angola", "Bulgaria", "Bangladesh", "Bolivia", "Botswana", "Finland",
      "Sweden", "Portugal", "Ireland", "Chile", "Estonia", "Latvia", "Lithuania", "Iceland", "Kenya", "Ghana"};
  private static final LocalDate FIRST_MONTH = LocalDate.of(1990, 1, 15);
  private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME;
  private static final Pattern BUCKET = Pattern.compile("^wirewatch_fetch_to_stored_seconds_bucket\\{le=\"([^\"]+)\"\\} (\\S+)$");
  private static final Pattern STORED = Pattern.compile("^wirewatch_events_stored_total (\\S+)$");
  /** Long enough that a poll falling behind still finds every article (the feed stays under max.feed.bytes). */
  private static final int FEED_LENGTH = 10_000;

  private final int rate;
  private final int total;
  private volatile long startMs;
  private volatile String base;

  private LatencyBenchmark(int rate, int seconds) {
    this.rate = rate;
    this.total = rate * seconds;
    if (total > COUNTRIES.length * 12 * 35) {
      throw new IllegalArgumentException("at most " + COUNTRIES.length * 12 * 35 + " distinct rounds");
    }
  }

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 120;
    new LatencyBenchmark(rate, seconds).run(seconds);
    System.exit(0);
  }

  private void run(int seconds) throws Exception {
    Path dataDir = Files.createTempDirectory("wirewatch-bench-latency");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    ExecutorService executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    int httpPort = freePort();
    WirewatchConfig config = WirewatchConfig.of(Map.of(
        "data.dir", dataDir.toString(),
        "ingest.interval", "1s",
        "ingest.per.host.delay", "0s",
        "http.port", Integer.toString(httpPort)),
        List.of(new FeedSpec("xinhua", base + "/feed.xml", Duration.ofSeconds(1), true)));
    HttpClient http = HttpClient.newHttpClient();
    long rssStart = rssHighWaterKb();
    try (Pipeline pipeline = Pipeline.start(config)) {
      startMs = System.currentTimeMillis();
      pipeline.startIngestLoop();
      Instant deadline = Instant.now().plusSeconds(seconds + 180L);
      double stored = 0;
      String metrics = "";
      while (stored < total && Instant.now().isBefore(deadline)) {
        TimeUnit.SECONDS.sleep(1);
        metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        stored = sample(metrics, STORED);
      }
      double elapsed = (System.currentTimeMillis() - startMs) / 1000.0;
      TreeMap<Double, Double> buckets = buckets(metrics);
      System.out.println(Machine.describe());
      System.out.printf("%d articles over HTTP at %d/s for %d s, each a new event; %d stored %.1f s after the first was published%s%n",
          total, rate, seconds, (long) stored, elapsed, stored < total ? " (NOT ALL: the pipeline fell behind)" : "");
      System.out.printf("fetch -> stored row: p50 %.2f s, p95 %.2f s, p99 %.2f s (%d rows; histogram bucket upper bounds)%n",
          quantile(buckets, 0.50), quantile(buckets, 0.95), quantile(buckets, 0.99), (long) buckets.lastEntry().getValue().doubleValue());
      System.out.printf("heap high-water (sum of the heap pools' peaks) %d MB of max %d MB; RSS high-water %d MB (at start of pipeline %d MB)%n",
          heapPeakBytes() >> 20, Runtime.getRuntime().maxMemory() >> 20, rssHighWaterKb() >> 10, rssStart >> 10);
    } finally {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  /** The articles published so far: article i appears at start + i / rate seconds. */
  private int published() {
    if (startMs == 0) {
      return 0;
    }
    long since = System.currentTimeMillis() - startMs;
    return (int) Math.min(total, since * rate / 1000);
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body;
      String type;
      if (path.equals("/feed.xml")) {
        body = feed().getBytes(StandardCharsets.UTF_8);
        type = BenchHttp.RSS;
      } else if (path.startsWith("/a/") && path.endsWith(".html")) {
        int i = Integer.parseInt(path.substring(3, path.length() - 5));
        body = page(i).getBytes(StandardCharsets.UTF_8);
        type = BenchHttp.HTML;
      } else {
        body = null;
        type = null;
      }
      BenchHttp.send(exchange, type, body);
    }
  }

  private String feed() {
    int published = published();
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>")
        .append("<title>Latency feed</title><link>http://127.0.0.1/</link><description>bench</description>");
    for (int i = published - 1; i >= Math.max(0, published - FEED_LENGTH); i--) {
      // Listed when it appears, so no age limit on feed items skips it.
      String listed = RFC_1123.format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(startMs + i * 1000L / rate), ZoneOffset.UTC));
      xml.append("<item><title>").append(title(i)).append("</title><link>").append(base).append("/a/").append(i)
          .append(".html</link><pubDate>").append(listed).append("</pubDate></item>");
    }
    return xml.append("</channel></rss>").toString();
  }

  private static String title(int i) {
    return "China, " + country(i) + " hold human rights dialogue";
  }

  private static String country(int i) {
    return COUNTRIES[i % COUNTRIES.length];
  }

  /** Article i reports the round with country(i) in its own month: a distinct event for each article. */
  private static LocalDate day(int i) {
    return FIRST_MONTH.plusMonths(i / COUNTRIES.length);
  }

  private static String page(int i) {
    LocalDate day = day(i);
    String weekday = day.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    String dateline = "BEIJING, " + day.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
        + day.getDayOfMonth() + " (Xinhua) --";
    String time = day + " 18:00:00";
    return "<html><head><meta charset=\"utf-8\"><title>" + title(i) + "</title><meta name=\"publishdate\" content=\""
        + time + "\"></head><body><div class=\"header-time\">" + time + "</div><div class=\"conTop\"><h1>" + title(i)
        + "</h1></div><div id=\"detailContent\"><p>" + dateline + " China and " + country(i)
        + " held a human rights dialogue in Beijing on " + weekday + ", the Ministry of Foreign Affairs said.</p>"
        + "<p>The two sides exchanged views on judicial cooperation and the rights of persons with disabilities.</p>"
        + "</div></body></html>";
  }

  private static TreeMap<Double, Double> buckets(String metrics) {
    TreeMap<Double, Double> buckets = new TreeMap<>();
    for (String line : metrics.lines().toList()) {
      Matcher m = BUCKET.matcher(line);
      if (m.matches()) {
        buckets.put(m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1)),
            Double.parseDouble(m.group(2)));
      }
    }
    return buckets;
  }

  /** The smallest bucket bound under which at least {@code q} of the observations fall. */
  private static double quantile(TreeMap<Double, Double> buckets, double q) {
    double count = buckets.lastEntry().getValue();
    for (Map.Entry<Double, Double> b : buckets.entrySet()) {
      if (b.getValue() >= q * count) {
        return b.getKey();
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private static double sample(String metrics, Pattern pattern) {
    for (String line : metrics.lines().toList()) {
      Matcher m = pattern.matcher(line);
      if (m.matches()) {
        return Double.parseDouble(m.group(1));
      }
    }
    return 0;
  }

  private static long heapPeakBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  /** VmHWM of this process, in kB (Linux); 0 elsewhere. */
  private static long rssHighWaterKb() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
