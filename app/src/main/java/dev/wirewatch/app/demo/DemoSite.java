package dev.wirewatch.app.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The bundled sample wire site (resources under {@code demo/site/}, listed in {@code demo/site-index.txt})
 * served over real HTTP on 127.0.0.1, for {@code wirewatch demo} and the end-to-end tests. Every
 * {@code {{BASE}}} in a served file becomes this server's base URL, so feed links point back at it.
 */
public final class DemoSite implements AutoCloseable {

  private static final String ROOT = "/demo/site/";
  private static final String INDEX = "/demo/site-index.txt";

  private final HttpServer server;
  private final ExecutorService executor;
  private final String baseUrl;
  private final Map<String, byte[]> files;

  private DemoSite(HttpServer server, ExecutorService executor, Map<String, byte[]> files) {
    this.server = server;
    this.executor = executor;
    this.baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    this.files = files;
  }

  /** Starts serving on a free port of 127.0.0.1. */
  public static DemoSite start() {
    int port = 0;
    // The JDK server answers in two writes; without TCP_NODELAY each response waits ~40 ms for a delayed ACK.
    System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
    Map<String, byte[]> raw = load();
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "demo-site");
        t.setDaemon(true);
        return t;
      });
      server.setExecutor(executor);
      Map<String, byte[]> files = new HashMap<>();
      DemoSite site = new DemoSite(server, executor, files);
      raw.forEach((path, bytes) -> files.put(path, new String(bytes, StandardCharsets.UTF_8)
          .replace("{{BASE}}", site.baseUrl).getBytes(StandardCharsets.UTF_8)));
      server.createContext("/", site::handle);
      server.start();
      return site;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the demo site on 127.0.0.1:" + port, e);
    }
  }

  /** e.g. http://127.0.0.1:41234 */
  public String baseUrl() {
    return baseUrl;
  }

  /** The feed URLs of the site, with the profile of each: path prefix xinhua/ or ecns/. */
  public List<Map.Entry<String, String>> feeds() {
    return files.keySet().stream()
        .filter(p -> p.contains("/rss/") && p.endsWith(".xml"))
        .sorted()
        .map(p -> Map.entry(p.substring(0, p.indexOf('/')), baseUrl + "/" + p))
        .toList();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath().replaceFirst("^/", "");
      byte[] body = files.get(path);
      if (body == null || !exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", contentType(path));
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static String contentType(String path) {
    if (path.endsWith(".xml")) {
      return "application/xml; charset=utf-8";
    }
    if (path.endsWith(".json")) {
      return "application/json; charset=utf-8";
    }
    if (path.endsWith(".txt")) {
      return "text/plain; charset=utf-8";
    }
    return "text/html; charset=utf-8";
  }

  private static Map<String, byte[]> load() {
    Map<String, byte[]> files = new HashMap<>();
    for (String path : read(INDEX).lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList()) {
      files.put(path, bytes(ROOT + path));
    }
    return files;
  }

  private static String read(String resource) {
    return new String(bytes(resource), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = DemoSite.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("demo resource missing from the build: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read demo resource " + resource, e);
    }
  }
}
