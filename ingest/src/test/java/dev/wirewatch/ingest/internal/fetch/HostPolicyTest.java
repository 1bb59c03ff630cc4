package dev.wirewatch.ingest.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostPolicyTest {

  @Test
  void internalRanges() throws UnknownHostException {
    // Given / When / Then
    for (String internal : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1")) {
      assertTrue(HostPolicy.internal(InetAddress.getByName(internal)), internal);
    }
    for (String external : List.of("8.8.8.8", "203.0.113.7", "2001:db8::1")) {
      assertFalse(HostPolicy.internal(InetAddress.getByName(external)), external);
    }
  }

  @Test
  void namedHostMayBeInternalButUnnamedMayNot() {
    // Given a policy naming 127.0.0.1
    HostPolicy policy = new HostPolicy(List.of("127.0.0.1"));

    // When / Then
    assertDoesNotThrow(() -> policy.check(URI.create("http://127.0.0.1:8080/feed.xml")));
    FetchException e = assertThrows(FetchException.class, () -> policy.check(URI.create("http://10.0.0.1/x")));
    assertTrue(e.refused());
    assertTrue(e.getMessage().contains("neither configured nor linked"), e.getMessage());
  }

  @Test
  void linkedHostResolvingToLoopbackIsRefused() {
    // Given a feed linking to "localhost" (not named in the config)
    HostPolicy policy = new HostPolicy(List.of("127.0.0.1"));
    policy.allowLinkedHost("localhost");

    // When / Then
    FetchException e = assertThrows(FetchException.class, () -> policy.check(URI.create("http://localhost/x")));
    assertTrue(e.getMessage().contains("internal address"), e.getMessage());
  }

  @Test
  void subAndParentDomainsOfAllowedHostsAreAllowedButNotSchemesOtherThanHttp() {
    // Given
    HostPolicy policy = new HostPolicy(List.of("www.ecns.cn"));
    policy.allowLinkedHost("english.news.cn");

    // When / Then
    assertTrue(policy.allowedHost("ecns.cn"));
    assertTrue(policy.allowedHost("m.english.news.cn"));
    assertFalse(policy.allowedHost("evil.cn"));
    assertFalse(policy.allowedHost("cn"));
    assertThrows(FetchException.class, () -> policy.check(URI.create("file:///etc/passwd")));
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
