package dev.wirewatch.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 with an ephemeral port; routes are set per test and counted. */
final class TestServer implements AutoCloseable {

  /** Answers one request. */
  interface Route {
    void handle(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> notModified = new ConcurrentHashMap<>();

  TestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
      Route route = routes.get(path);
      try (exchange) {
        if (route == null) {
          exchange.sendResponseHeaders(404, -1);
        } else {
          route.handle(exchange);
        }
      }
    });
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  int port() {
    return server.getAddress().getPort();
  }

  void route(String path, Route route) {
    routes.put(path, route);
  }

  /** Serves fixed bytes with a Content-Type. */
  void serve(String path, String contentType, byte[] body) {
    route(path, ex -> send(ex, 200, contentType, body));
  }

  /**
   * Serves fixed bytes with an ETag derived from them, answering 304 when the request sends that ETag back;
   * replacing the body changes the ETag.
   */
  void serveConditional(String path, String contentType, byte[] body) {
    String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
    route(path, ex -> {
      ex.getResponseHeaders().set("ETag", etag);
      if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        notModified.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        ex.sendResponseHeaders(304, -1);
        return;
      }
      send(ex, 200, contentType, body);
    });
  }

  /** Requests of {@code path} answered 304 by {@link #serveConditional}. */
  int notModified(String path) {
    AtomicInteger n = notModified.get(path);
    return n == null ? 0 : n.get();
  }

  int hits(String path) {
    AtomicInteger n = hits.get(path);
    return n == null ? 0 : n.get();
  }

  static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
