package dev.wirewatch.ingest.internal.fetch;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and port of a URL, the port made explicit (80 for http, 443 for https): what the host policy
 * allows, so that a host named for one service does not open its other ports.
 *
 * @param scheme {@code http} or {@code https}
 * @param host lower case, without IPv6 brackets or a trailing dot
 * @param port the explicit port
 */
record Origin(String scheme, String host, int port) {

  /** The origin of an absolute http(s) URL with a host. */
  static Origin of(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    return new Origin(scheme, normaliseHost(url.getHost()), url.getPort() >= 0 ? url.getPort() : defaultPort(scheme));
  }

  /** 80 for http, 443 for https, -1 otherwise. */
  static int defaultPort(String scheme) {
    return switch (scheme) {
      case "http" -> 80;
      case "https" -> 443;
      default -> -1;
    };
  }

  /** True for http on 80 and https on 443: the host's web site rather than another service on it. */
  boolean onDefaultPort() {
    return port == defaultPort(scheme);
  }

  /** {@code scheme://host[:port]}, the port written only when it is not the scheme's default. */
  String base() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return scheme + "://" + h + (onDefaultPort() ? "" : ":" + port);
  }

  static String normaliseHost(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
