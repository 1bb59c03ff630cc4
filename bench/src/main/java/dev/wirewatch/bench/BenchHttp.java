package dev.wirewatch.bench;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** The one way the benchmarks' local sites answer a request: 200 with a body, or 404 when there is none. */
final class BenchHttp {

  static final String RSS = "application/rss+xml; charset=utf-8";
  static final String HTML = "text/html; charset=utf-8";

  private BenchHttp() {
  }

  /** Sends {@code body} as {@code type}, or 404 when {@code body} is null. */
  static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
    if (body == null) {
      exchange.sendResponseHeaders(404, -1);
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }
}
