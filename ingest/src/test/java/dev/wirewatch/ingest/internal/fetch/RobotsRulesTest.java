package dev.wirewatch.ingest.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RobotsRulesTest {

  private static final URI ROBOTS = URI.create("https://www.example.cn/robots.txt");

  private static RobotsRules parse(String txt, String token) {
    return RobotsRules.parse(ROBOTS, txt.getBytes(StandardCharsets.UTF_8), token);
  }

  private static boolean allowed(RobotsRules rules, String pathAndQuery) {
    return rules.allowed(URI.create("https://www.example.cn" + pathAndQuery));
  }

  @Test
  void longestMatchWinsAndAllowWinsTies() {
    // Given a robots.txt for every crawler with nested rules
    RobotsRules rules = parse("""
        User-agent: *
        Disallow: /news/
        Allow: /news/public/
        Disallow: /page
        Allow: /page
        """, "wirewatch");
    // Then the most specific rule decides, and an equally long Allow beats Disallow
    assertFalse(allowed(rules, "/news/2024/a.html"));
    assertTrue(allowed(rules, "/news/public/a.html"));
    assertTrue(allowed(rules, "/page.html"));
    assertTrue(allowed(rules, "/other"));
    assertTrue(allowed(rules, "/robots.txt"));
  }

  @Test
  void ownGroupReplacesTheStarGroup() {
    // Given a star group that disallows all and a group for this crawler that disallows only /private
    String txt = """
        # comments are ignored
        User-agent: *
        Disallow: /

        User-agent: otherbot
        User-agent: WireWatch/0.1
        Disallow: /private   # trailing comment
        Crawl-delay: 2.5
        """;
    // When parsed for wirewatch, Then only its own group applies, with its Crawl-delay
    RobotsRules mine = parse(txt, "wirewatch");
    assertTrue(allowed(mine, "/news/a.html"));
    assertFalse(allowed(mine, "/private/x"));
    assertEquals(Duration.ofMillis(2500), mine.crawlDelay());
    // When parsed for another crawler, Then the star group applies
    RobotsRules other = parse(txt, "somebot");
    assertFalse(allowed(other, "/news/a.html"));
    assertNull(other.crawlDelay());
  }

  @Test
  void groupsForOneAgentAreMerged() {
    // Given two separate groups naming this crawler (RFC 9309 2.2.1: they are combined)
    RobotsRules rules = parse("""
        User-agent: wirewatch
        Disallow: /a/

        User-agent: *
        Disallow: /c/

        User-agent: wirewatch
        Disallow: /b/
        """, "wirewatch");
    // Then both of its groups apply and the star group does not
    assertFalse(allowed(rules, "/a/1.html"));
    assertFalse(allowed(rules, "/b/1.html"));
    assertTrue(allowed(rules, "/c/1.html"));
  }

  @Test
  void percentEncodedAndLiteralPathsAreOnePath() {
    // Given rules written percent-encoded (upper and lower case) and literally
    RobotsRules rules = parse("""
        User-agent: *
        Disallow: /%E4%B8%AD%E6%96%87/
        Disallow: /caf%c3%a9
        Disallow: /年/
        """, "wirewatch");
    // Then a URL naming the same path in either form is disallowed, and a different path is not
    assertFalse(allowed(rules, "/%E4%B8%AD%E6%96%87/a.html"));
    assertFalse(allowed(rules, "/%e4%b8%ad%e6%96%87/a.html"));
    assertFalse(allowed(rules, "/caf%C3%A9/menu"));
    assertFalse(allowed(rules, "/café/menu"));
    assertFalse(allowed(rules, "/%E5%B9%B4/2024.html"));
    assertTrue(allowed(rules, "/%E4%B8%AD/a.html"));
    assertTrue(allowed(rules, "/cafe"));
  }

  @Test
  void wildcardsAndEndAnchor() {
    // Given patterns with * and $
    RobotsRules rules = parse("""
        User-agent: *
        Disallow: /*.pdf$
        Disallow: /*?sessionid=
        Disallow:
        """, "wirewatch");
    // Then they match as globs anchored at the start
    assertFalse(allowed(rules, "/docs/report.pdf"));
    assertTrue(allowed(rules, "/docs/report.pdf.html"));
    assertFalse(allowed(rules, "/a/b?sessionid=42"));
    assertTrue(allowed(rules, "/a/b?page=2"));
  }

  @Test
  void emptyOrUnrelatedFileAllowsAll() {
    // Given files without rules for anyone matching
    // Then everything is allowed
    assertTrue(allowed(parse("", "wirewatch"), "/x"));
    assertTrue(allowed(parse("User-agent: otherbot\nDisallow: /\n", "wirewatch"), "/x"));
    assertTrue(allowed(RobotsRules.ALLOW_ALL, "/x"));
    assertFalse(allowed(RobotsRules.DISALLOW_ALL, "/x"));
  }

  @Test
  void longCrawlDelayIsKeptNotTurnedIntoDisallowAll() {
    // Given a Crawl-delay of an hour (the parser alone would read it as "do not crawl")
    RobotsRules rules = parse("User-agent: *\nCrawl-delay: 3600\nDisallow: /private/\n", "wirewatch");
    // Then the pages stay allowed and the delay is reported for the fetcher to cap
    assertTrue(allowed(rules, "/news/a.html"));
    assertEquals(Duration.ofHours(1), rules.crawlDelay());
  }

  @Test
  void hostilePatternStaysFast() {
    // Given a pattern with many stars and a long path that almost matches
    RobotsRules rules = parse("User-agent: *\nDisallow: /" + "*a".repeat(30) + "b$\n", "wirewatch");
    String path = "/" + "a".repeat(5000);
    // When matched (a naive recursive matcher would not finish), Then it simply does not match
    assertTrue(allowed(rules, path));
  }
}
