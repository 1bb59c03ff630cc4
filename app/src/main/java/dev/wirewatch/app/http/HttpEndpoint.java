package dev.wirewatch.app.http;

import dev.wirewatch.app.http.internal.RouteTable;
import dev.wirewatch.app.http.internal.RoutingHandler;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server of a wirewatch process ({@code http.host}:{@code http.port}). Parts of the program register
 * GET routes on it ({@code /metrics}, {@code /health/...}, later the event browser and its API); it answers 404
 * for any other path, 405 for any method but GET and HEAD, and a 500 without detail when a route fails.
 *
 * <p>Routes may be added before or after {@link #start}; a path is served from the moment it is added.
 */
public final class HttpEndpoint implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(HttpEndpoint.class);
  private static final int MAX_THREADS = 16;

  private final String host;
  private final int port;
  private final RouteTable routes = new RouteTable();
  private Server server;
  private ServerConnector connector;

  /**
   * @param host the address to listen on, e.g. 127.0.0.1, or 0.0.0.0 for every interface
   * @param port the port; 0 picks a free one ({@link #port()} tells which)
   */
  public HttpEndpoint(String host, int port) {
    this.host = Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
    }
    this.port = port;
  }

  /** Serves {@code path} exactly (e.g. {@code /metrics}). */
  public HttpEndpoint get(String path, Route route) {
    routes.exact(path, route);
    return this;
  }

  /**
   * Serves every path under {@code prefix} (e.g. {@code /api/events/} for {@code /api/events/{eventId}}); the route
   * reads the remainder from {@link HttpRequest#rest()}. An exact route of the same path wins.
   */
  public HttpEndpoint getUnder(String prefix, Route route) {
    routes.prefix(prefix, route);
    return this;
  }

  /** Starts listening; returns once the port is bound. */
  public synchronized HttpEndpoint start() {
    if (server != null) {
      throw new IllegalStateException("HTTP endpoint already started");
    }
    QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
    threads.setName("wirewatch-http");
    threads.setDaemon(true);
    Server jetty = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    // No version banner: nothing about the process is told to whoever asks.
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector listener = new ServerConnector(jetty, 1, 1, new HttpConnectionFactory(http));
    listener.setHost(host);
    listener.setPort(port);
    jetty.addConnector(listener);
    jetty.setHandler(new RoutingHandler(routes));
    jetty.setStopTimeout(2_000);
    try {
      jetty.start();
    } catch (Exception e) {
      stopQuietly(jetty);
      throw new IllegalStateException("cannot listen for HTTP on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    server = jetty;
    connector = listener;
    log.info("HTTP endpoint listening on http://{}:{}/ (routes {})", host, listener.getLocalPort(), routes.describe());
    return this;
  }

  /** The bound port (the chosen one when started with port 0). */
  public synchronized int port() {
    if (connector == null) {
      throw new IllegalStateException("HTTP endpoint not started");
    }
    return connector.getLocalPort();
  }

  /** The address clients use, e.g. {@code http://127.0.0.1:8080}. */
  public synchronized String baseUrl() {
    String shown = host.equals("0.0.0.0") || host.isEmpty() ? "127.0.0.1" : host;
    return "http://" + (shown.contains(":") ? "[" + shown + "]" : shown) + ":" + port();
  }

  public synchronized InetSocketAddress address() {
    return new InetSocketAddress(host, port());
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      stopQuietly(server);
      server = null;
      connector = null;
    }
  }

  private static void stopQuietly(Server jetty) {
    try {
      jetty.stop();
    } catch (Exception e) {
      log.warn("HTTP endpoint did not stop cleanly: {}", e.getMessage());
    }
  }
}
