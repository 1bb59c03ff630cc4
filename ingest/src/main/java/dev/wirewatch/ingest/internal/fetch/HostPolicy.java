package dev.wirewatch.ingest.internal.fetch;

import crawlercommons.domains.EffectiveTldFinder;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which URLs may be fetched, by origin (scheme, host, port; the port defaults by scheme).
 *
 * <ul>
 *   <li><b>Configured</b> origins may be fetched whatever their address: those of the feed URLs and the
 *       {@code allowedHosts} entries ({@code host} for its ports 80 and 443, {@code host:port} for that port). A
 *       configured host on 80 or 443 brings its other web port along (sites move between http and https).
 *   <li>On ports 80 and 443 only, also: the hosts the feeds link to, and any host of the same <em>site</em>
 *       (registrable domain, by the Public Suffix List) as a configured or linked host, so that
 *       {@code news.xinhuanet.com} may redirect to {@code www.xinhuanet.com}, but {@code example.com.cn} does not
 *       open {@code other.com.cn}. These must not resolve to an internal address ({@link InternalAddresses}).
 * </ul>
 *
 * Everything else is refused: another port of a configured host (a feed could otherwise reach a database or
 * an admin port beside the web server), an unrelated host, a scheme other than http(s).
 *
 * <p>The address check resolves the host before the request; the HTTP client resolves it again, so a DNS
 * server answering differently within those milliseconds (rebinding) is not caught.
 */
public final class HostPolicy {

  /** Resolves a host name to its addresses. */
  interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final Set<Origin> configured = new HashSet<>();
  private final Set<String> knownHosts = ConcurrentHashMap.newKeySet();
  private final Set<String> knownSites = ConcurrentHashMap.newKeySet();
  private final Resolver resolver;

  /**
   * @param configuredUrls the feed URLs
   * @param allowedHosts further configured hosts: {@code host}, {@code host:port}, {@code [v6]:port}
   * @throws IllegalArgumentException when an allowed-hosts entry is not a host with an optional port
   */
  public HostPolicy(Collection<URI> configuredUrls, Collection<String> allowedHosts) {
    this(configuredUrls, allowedHosts, InetAddress::getAllByName);
  }

  HostPolicy(Collection<URI> configuredUrls, Collection<String> allowedHosts, Resolver resolver) {
    this.resolver = resolver;
    for (URI url : configuredUrls) {
      Objects.requireNonNull(url.getHost(), () -> "configured URL without a host: " + url);
      addConfigured(Origin.of(url));
    }
    for (String entry : allowedHosts) {
      HostAndPort hp = HostAndPort.parse(entry);
      if (hp.port() < 0) {
        addConfigured(new Origin("http", hp.host(), 80));
      } else {
        addConfigured(new Origin("http", hp.host(), hp.port()));
        addConfigured(new Origin("https", hp.host(), hp.port()));
      }
    }
  }

  /**
   * Checks one {@code allowedHosts} entry, so that a malformed one is reported with the configuration.
   *
   * @throws IllegalArgumentException when {@code entry} is not {@code host}, {@code host:port} or
   *     {@code [v6]:port}
   */
  public static void checkAllowedHost(String entry) {
    HostAndPort.parse(entry);
  }

  private void addConfigured(Origin origin) {
    configured.add(origin);
    if (origin.onDefaultPort()) {
      configured.add(new Origin("http", origin.host(), 80));
      configured.add(new Origin("https", origin.host(), 443));
    }
    know(origin.host());
  }

  /** Records a host that a configured feed links to (its ports 80 and 443). */
  public void allowLinkedHost(String host) {
    if (host != null) {
      know(Origin.normaliseHost(host));
    }
  }

  private void know(String host) {
    knownHosts.add(host);
    String site = site(host);
    if (site != null) {
      knownSites.add(site);
    }
  }

  /** The registrable domain of a host name, or null for an IP literal, a public suffix or an unlisted name. */
  static String site(String host) {
    if (host.indexOf(':') >= 0 || host.indexOf('.') < 0) {
      return null;
    }
    return EffectiveTldFinder.getAssignedDomain(host, true, false);
  }

  /**
   * Checks a URL before a request (and each redirect hop).
   *
   * @throws FetchException (refused) when the scheme, origin or resolved address is not allowed
   */
  public void check(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (Origin.defaultPort(scheme) < 0) {
      throw FetchException.refused("refused " + url + ": only http and https are fetched");
    }
    if (url.getHost() == null) {
      throw FetchException.refused("refused " + url + ": no host");
    }
    Origin origin = Origin.of(url);
    if (configured.contains(origin)) {
      return;
    }
    String host = origin.host();
    if (!allowedHost(host)) {
      throw FetchException.refused("refused " + url + ": host " + host
          + " is neither configured, nor linked by a feed, nor of the same site as one");
    }
    InetAddress[] addresses;
    try {
      addresses = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw FetchException.failed("cannot resolve host " + host + " for " + url, e);
    }
    for (InetAddress address : addresses) {
      String why = InternalAddresses.why(address);
      if (why != null) {
        throw FetchException.refused("refused " + url + ": host " + host + " resolves to internal address "
            + address.getHostAddress() + " (" + why + "), allowed only for origins named in the configuration");
      }
    }
    if (!origin.onDefaultPort()) {
      throw FetchException.refused("refused " + url + ": port " + origin.port() + " of " + host
          + " is not configured (other hosts and ports than the configured ones are fetched on 80 and 443 only)");
    }
  }

  /** A configured or linked host, or a host of the same site as one. */
  boolean allowedHost(String host) {
    if (knownHosts.contains(host)) {
      return true;
    }
    String site = site(host);
    return site != null && knownSites.contains(site);
  }

  /** An {@code allowedHosts} entry. */
  private record HostAndPort(String host, int port) {

    static HostAndPort parse(String entry) {
      String e = entry.trim();
      String host = e;
      int port = -1;
      if (e.startsWith("[")) {
        int close = e.indexOf(']');
        if (close < 0) {
          throw new IllegalArgumentException("allowed host " + entry + ": unclosed [");
        }
        host = e.substring(1, close);
        String rest = e.substring(close + 1);
        if (!rest.isEmpty()) {
          port = port(entry, rest.startsWith(":") ? rest.substring(1) : rest);
        }
      } else if (e.indexOf(':') >= 0 && e.indexOf(':') == e.lastIndexOf(':')) {
        host = e.substring(0, e.indexOf(':'));
        port = port(entry, e.substring(e.indexOf(':') + 1));
      }
      if (host.isEmpty() || host.contains("/")) {
        throw new IllegalArgumentException("allowed host " + entry + ": expected host, host:port or [v6]:port");
      }
      return new HostAndPort(Origin.normaliseHost(host), port);
    }

    private static int port(String entry, String text) {
      try {
        int port = Integer.parseInt(text);
        if (port >= 1 && port <= 65535) {
          return port;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException("allowed host " + entry + ": port must be 1 to 65535");
    }
  }
}
