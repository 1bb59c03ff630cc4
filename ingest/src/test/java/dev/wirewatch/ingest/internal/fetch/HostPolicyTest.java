package dev.wirewatch.ingest.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.ingest.IngestSettings;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPolicyTest {

  /** A resolver for names that do not exist in DNS, so that the tests need no network. */
  private static HostPolicy.Resolver fakeDns(Map<String, String> names) {
    return host -> {
      String address = names.get(host);
      if (address == null) {
        throw new UnknownHostException(host);
      }
      return new InetAddress[] {InetAddress.getByName(address)};
    };
  }

  private static HostPolicy policy(List<String> feedUrls, Set<String> allowedHosts, Map<String, String> dns) {
    return new HostPolicy(feedUrls.stream().map(URI::create).toList(), allowedHosts, fakeDns(dns));
  }

  /**
   * An address as a resolver could hand it over. IPv4-mapped literals are kept as IPv6 addresses: Java's parser
   * turns them into IPv4 ones, but an Inet6Address with those bytes can still arrive (from DNS, from a literal).
   */
  private static InetAddress address(String literal) throws UnknownHostException {
    InetAddress parsed = InetAddress.getByName(literal);
    if (parsed instanceof Inet4Address && literal.contains(":")) {
      byte[] v6 = new byte[16];
      v6[10] = (byte) 0xFF;
      v6[11] = (byte) 0xFF;
      System.arraycopy(parsed.getAddress(), 0, v6, 12, 4);
      return Inet6Address.getByAddress(null, v6, -1);
    }
    return parsed;
  }

  @ParameterizedTest(name = "{0} is internal")
  @ValueSource(strings = {
      "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254",
      "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fd00::1", "fc00::1", "fe80::1", "fec0::1", "ff02::1"})
  void internalRanges(String literal) throws UnknownHostException {
    assertNotNull(InternalAddresses.why(address(literal)), literal);
  }

  /** Each of these was judged public before the embedded IPv4 address was looked at. */
  @ParameterizedTest(name = "{0} carries an internal IPv4 address")
  @ValueSource(strings = {
      // IPv4-compatible ::/96
      "::127.0.0.2", "::10.0.0.1", "::a9fe:a9fe",
      // IPv4-mapped ::ffff:0:0/96, kept as IPv6
      "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:100.64.0.1",
      // NAT64 64:ff9b::/96 and local-use 64:ff9b:1::/48
      "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "64:ff9b::a00:1", "64:ff9b::6440:1", "64:ff9b::", "64:ff9b::e000:1",
      "64:ff9b::ffff:ffff", "64:ff9b:1::808:808",
      // 6to4 2002::/16
      "2002:a9fe:a9fe::", "2002:7f00:1::1", "2002:c0a8:101::1", "2002:6440:1::",
      // Teredo 2001:0::/32: client address inverted in the last 32 bits (127.0.0.1, 169.254.169.254, 10.0.0.1)
      "2001:0:4136:e378:8000:63bf:80ff:fffe", "2001:0:4136:e378:8000:63bf:5601:5601", "2001::f5ff:fffe",
      // Teredo with an internal server address
      "2001:0:a00:1::"})
  void ipv6FormsCarryingAnInternalIpv4Address(String literal) throws UnknownHostException {
    assertNotNull(InternalAddresses.why(address(literal)), literal);
  }

  @ParameterizedTest(name = "{0} is public")
  @ValueSource(strings = {"8.8.8.8", "203.0.113.7", "100.128.0.1", "172.32.0.1", "2001:db8::1", "2400:cb00::1",
      "::8.8.8.8", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::", "2001:0:4136:e378:8000:63bf:f7f7:f7f7"})
  void publicAddresses(String literal) throws UnknownHostException {
    assertNull(InternalAddresses.why(address(literal)), literal);
  }

  @Test
  void reasonNamesTheEmbeddedAddress() throws UnknownHostException {
    // Given / When / Then
    assertEquals("NAT64 address of 169.254.169.254, link-local, cloud metadata",
        InternalAddresses.why(address("64:ff9b::a9fe:a9fe")));
    assertEquals("Teredo client address of 127.0.0.1, loopback",
        InternalAddresses.why(address("2001:0:4136:e378:8000:63bf:80ff:fffe")));
  }

  @ParameterizedTest(name = "linked {0} is refused")
  @ValueSource(strings = {"http://[::127.0.0.2]/x", "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
      "http://[2002:a9fe:a9fe::]/x", "http://[::ffff:7f00:1]/x", "https://[fd12::1]/x"})
  void linkedIpv6LiteralsCarryingInternalAddressesAreRefused(String url) {
    // Given a feed that links to an IPv6 literal
    HostPolicy policy = new HostPolicy(List.of(URI.create("https://www.ecns.cn/rss/rss.xml")), Set.of());
    policy.allowLinkedHost(URI.create(url).getHost());

    // When / Then
    FetchException e = assertThrows(FetchException.class, () -> policy.check(URI.create(url)));
    assertTrue(e.refused());
    assertTrue(e.getMessage().contains("internal address"), e.getMessage());
  }

  @Test
  void namedHostMayBeInternalButUnnamedMayNot() {
    // Given a policy naming a feed on 127.0.0.1:8080
    HostPolicy policy = new HostPolicy(List.of(URI.create("http://127.0.0.1:8080/feed.xml")), Set.of());

    // When / Then
    assertDoesNotThrow(() -> policy.check(URI.create("http://127.0.0.1:8080/a.html")));
    FetchException e = assertThrows(FetchException.class, () -> policy.check(URI.create("http://10.0.0.1/x")));
    assertTrue(e.refused());
    assertTrue(e.getMessage().contains("neither configured"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"http://127.0.0.1:6379/", "http://127.0.0.1/admin", "https://127.0.0.1:8443/",
      "http://127.0.0.1:8081/a.html"})
  void otherPortsOfAConfiguredInternalHostAreRefused(String url) {
    // Given a feed on 127.0.0.1:8080 that links to its own host on another port
    HostPolicy policy = new HostPolicy(List.of(URI.create("http://127.0.0.1:8080/feed.xml")), Set.of());
    policy.allowLinkedHost("127.0.0.1");

    // When / Then the configured origin's exemption does not extend to the other port
    FetchException e = assertThrows(FetchException.class, () -> policy.check(URI.create(url)));
    assertTrue(e.refused(), e.getMessage());
  }

  @Test
  void otherPortsOfAConfiguredPublicHostAreRefusedUnlessConfigured() {
    // Given a public feed host, and an allowed-hosts entry naming one extra port of another host
    HostPolicy policy = policy(List.of("https://www.ecns.cn/rss/rss.xml"), Set.of("media.ecns.cn:8443"),
        Map.of("www.ecns.cn", "203.0.113.10", "media.ecns.cn", "203.0.113.11"));

    // When / Then its web ports are fetched, another port only where configured
    assertDoesNotThrow(() -> policy.check(URI.create("http://www.ecns.cn/news/a.shtml")));
    assertDoesNotThrow(() -> policy.check(URI.create("https://www.ecns.cn:443/news/a.shtml")));
    assertDoesNotThrow(() -> policy.check(URI.create("https://media.ecns.cn:8443/v.shtml")));
    FetchException e = assertThrows(FetchException.class,
        () -> policy.check(URI.create("http://www.ecns.cn:8080/manager/html")));
    assertEquals("refused http://www.ecns.cn:8080/manager/html: port 8080 of www.ecns.cn is not configured"
        + " (other hosts and ports than the configured ones are fetched on 80 and 443 only)", e.getMessage());
    assertThrows(FetchException.class, () -> policy.check(URI.create("https://media.ecns.cn:9443/v.shtml")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "http://news.xinhuanet.com/english/feed.xml, http://www.xinhuanet.com/english/20240618/c.html",
      "https://ecns.cn/rss/rss.xml, https://www.ecns.cn/news/a.shtml",
      "https://www.ecns.cn/rss/rss.xml, https://ecns.cn/news/a.shtml",
      "https://english.news.cn/list/latestnews.htm, https://www.news.cn/20240618/abc/c.html"})
  void redirectsWithinOneSiteAreFollowed(String feed, String target) {
    // Given a feed on one host of a site (registrable domain, by the Public Suffix List)
    HostPolicy policy = policy(List.of(feed), Set.of(), Map.of(URI.create(target).getHost(), "203.0.113.20"));

    // When a hop goes to another host of the same site, Then it is allowed
    assertDoesNotThrow(() -> policy.check(URI.create(target)));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "http://news.xinhuanet.com/feed.xml, http://xinhuanet.com.evil.example/x",
      "http://www.example.com.cn/feed.xml, http://other.com.cn/x",
      "http://www.example.com.cn/feed.xml, http://com.cn/x",
      "https://a.github.io/feed.xml, https://b.github.io/x",
      "https://www.ecns.cn/rss/rss.xml, https://ecns.cn.example.org/x"})
  void redirectsToOtherSitesAreRefused(String feed, String target) {
    // Given a feed on one site
    HostPolicy policy = policy(List.of(feed), Set.of(), Map.of(URI.create(target).getHost(), "203.0.113.20"));

    // When a hop goes to another site (a sibling under a public suffix, a look-alike), Then it is refused
    FetchException e = assertThrows(FetchException.class, () -> policy.check(URI.create(target)));
    assertTrue(e.getMessage().contains("neither configured"), e.getMessage());
  }

  @Test
  void sameSiteHostResolvingToAnInternalAddressIsRefused() {
    // Given a public feed host and a sibling host whose DNS answer is the cloud metadata address
    HostPolicy policy = policy(List.of("https://www.ecns.cn/rss/rss.xml"), Set.of(),
        Map.of("meta.ecns.cn", "169.254.169.254", "v6.ecns.cn", "64:ff9b::a9fe:a9fe"));

    // When / Then both are refused, the reason named
    FetchException e = assertThrows(FetchException.class, () -> policy.check(URI.create("https://meta.ecns.cn/")));
    assertTrue(e.getMessage().contains("internal address 169.254.169.254 (link-local"), e.getMessage());
    e = assertThrows(FetchException.class, () -> policy.check(URI.create("https://v6.ecns.cn/")));
    assertTrue(e.getMessage().contains("NAT64 address of 169.254.169.254"), e.getMessage());
  }

  @Test
  void linkedHostResolvingToLoopbackIsRefused() {
    // Given a feed linking to "localhost" (not named in the config)
    HostPolicy policy = new HostPolicy(List.of(URI.create("http://127.0.0.1:8080/feed.xml")), Set.of());
    policy.allowLinkedHost("localhost");

    // When / Then
    FetchException e = assertThrows(FetchException.class, () -> policy.check(URI.create("http://localhost/x")));
    assertTrue(e.getMessage().contains("internal address"), e.getMessage());
  }

  @Test
  void subAndParentDomainsOfAllowedHostsAreAllowedButNotSchemesOtherThanHttp() {
    // Given
    HostPolicy policy = new HostPolicy(List.of(URI.create("https://www.ecns.cn/rss/rss.xml")), Set.of());
    policy.allowLinkedHost("english.news.cn");

    // When / Then
    assertTrue(policy.allowedHost("ecns.cn"));
    assertTrue(policy.allowedHost("m.english.news.cn"));
    assertFalse(policy.allowedHost("evil.cn"));
    assertFalse(policy.allowedHost("cn"));
    assertThrows(FetchException.class, () -> policy.check(URI.create("file:///etc/passwd")));
  }

  @ParameterizedTest(name = "entry [{0}]")
  @ValueSource(strings = {"example.org:0", "example.org:70000", "example.org:http", "[::1", "http://x/y", ""})
  void malformedAllowedHostsAreRejected(String entry) {
    // Given / When / Then
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new HostPolicy(List.of(), Set.of(entry)));
    assertTrue(e.getMessage().startsWith("allowed host "), e.getMessage());
    if (!entry.isEmpty()) {
      // and with the settings, before anything starts
      assertThrows(IllegalArgumentException.class,
          () -> IngestSettings.defaults(List.of()).withAllowedHosts(Set.of(entry)));
    }
  }

  @Test
  void retryAfterSecondsAndHttpDate() {
    // Given
    Instant now = Instant.parse("2024-06-18T12:00:00Z");

    // When / Then
    assertEquals(Duration.ofSeconds(120), HttpFetcher.retryAfter("120", now));
    assertEquals(Duration.ofMinutes(5), HttpFetcher.retryAfter("Tue, 18 Jun 2024 12:05:00 GMT", now));
    assertEquals(Duration.ofHours(24), HttpFetcher.retryAfter("999999999", now));
    assertEquals(null, HttpFetcher.retryAfter("soon", now));
  }
}
