package dev.wirewatch.ingest.internal.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Which hosts may be fetched. Allowed: the hosts named in the configuration (feed URL hosts and extra allowed
 * hosts), the article hosts the feeds link to, and sub- or parent domains of those (www.x.cn to x.cn
 * redirects). An address in a loopback, private, link-local or otherwise internal range is fetched only for a
 * host named in the configuration, so a feed, a redirect or a DNS answer cannot point the fetcher at an
 * internal service.
 *
 * <p>The address check resolves the host before the request; the HTTP client resolves it again, so a DNS
 * server answering differently within those milliseconds (rebinding) is not caught.
 */
public final class HostPolicy {

  private final Set<String> named;
  private final Set<String> linked = ConcurrentHashMap.newKeySet();

  public HostPolicy(Collection<String> namedHosts) {
    this.named = namedHosts.stream().map(HostPolicy::normalise).collect(Collectors.toUnmodifiableSet());
  }

  /** Records a host that a configured feed links to. */
  public void allowLinkedHost(String host) {
    if (host != null) {
      linked.add(normalise(host));
    }
  }

  /**
   * Checks a URL before a request.
   *
   * @throws FetchException (refused) when the scheme, host or resolved address is not allowed
   */
  public void check(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw FetchException.refused("refused " + url + ": only http and https are fetched");
    }
    if (url.getHost() == null) {
      throw FetchException.refused("refused " + url + ": no host");
    }
    String host = normalise(url.getHost());
    if (!allowedHost(host)) {
      throw FetchException.refused("refused " + url + ": host " + host + " is neither configured nor linked by a feed");
    }
    if (named.contains(host)) {
      return;
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw FetchException.failed("cannot resolve host " + host + " for " + url, e);
    }
    for (InetAddress address : addresses) {
      if (internal(address)) {
        throw FetchException.refused("refused " + url + ": host " + host + " resolves to internal address "
            + address.getHostAddress() + ", allowed only for hosts named in the configuration");
      }
    }
  }

  boolean allowedHost(String host) {
    if (named.contains(host) || linked.contains(host)) {
      return true;
    }
    if (isIpLiteral(host) || host.indexOf('.') < 0) {
      return false;
    }
    for (Set<String> set : java.util.List.of(named, linked)) {
      for (String allowed : set) {
        if (!isIpLiteral(allowed) && (host.endsWith("." + allowed) || allowed.endsWith("." + host))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Loopback, private (RFC 1918, fc00::/7), link-local, CGNAT, unspecified, multicast. */
  static boolean internal(InetAddress a) {
    if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
        || a.isMulticastAddress()) {
      return true;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int first = b[0] & 0xFF;
      int second = b[1] & 0xFF;
      return first == 0 || first == 100 && second >= 64 && second < 128 || first >= 240;
    }
    if (a instanceof Inet6Address) {
      return (b[0] & 0xFE) == 0xFC;
    }
    return false;
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }

  private static String normalise(String host) {
    String h = host.trim().toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
  }
}
