package dev.wirewatch.ingest.internal.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RobotsRulesTest {

  @Test
  void longestMatchWinsAndAllowWinsTies() {
    // Given a robots.txt for every crawler with nested rules
    RobotsRules rules = RobotsRules.parse("""
        User-agent: *
        Disallow: /news/
        Allow: /news/public/
        Disallow: /page
        Allow: /page
        """, "wirewatch");
    // Then the most specific rule decides, and an equally long Allow beats Disallow
    assertFalse(rules.allowed("/news/2024/a.html"));
    assertTrue(rules.allowed("/news/public/a.html"));
    assertTrue(rules.allowed("/page.html"));
    assertTrue(rules.allowed("/other"));
    assertTrue(rules.allowed("/robots.txt"));
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
    RobotsRules mine = RobotsRules.parse(txt, "wirewatch");
    assertTrue(mine.allowed("/news/a.html"));
    assertFalse(mine.allowed("/private/x"));
    assertEquals(Duration.ofMillis(2500), mine.crawlDelay());
    // When parsed for another crawler, Then the star group applies
    RobotsRules other = RobotsRules.parse(txt, "somebot");
    assertFalse(other.allowed("/news/a.html"));
    assertNull(other.crawlDelay());
  }

  @Test
  void wildcardsAndEndAnchor() {
    // Given patterns with * and $
    RobotsRules rules = RobotsRules.parse("""
        User-agent: *
        Disallow: /*.pdf$
        Disallow: /*?sessionid=
        Disallow:
        """, "wirewatch");
    // Then they match as globs anchored at the start
    assertFalse(rules.allowed("/docs/report.pdf"));
    assertTrue(rules.allowed("/docs/report.pdf.html"));
    assertFalse(rules.allowed("/a/b?sessionid=42"));
    assertTrue(rules.allowed("/a/b?page=2"));
  }

  @Test
  void emptyOrUnrelatedFileAllowsAll() {
    // Given files without rules for anyone matching
    // Then everything is allowed
    assertTrue(RobotsRules.parse("", "wirewatch").allowed("/x"));
    assertTrue(RobotsRules.parse("User-agent: otherbot\nDisallow: /\n", "wirewatch").allowed("/x"));
    assertFalse(RobotsRules.DISALLOW_ALL.allowed("/x"));
  }

  @Test
  void hostilePatternStaysLinear() {
    // Given a pattern with many stars and a long path that almost matches
    String pattern = "/" + "*a".repeat(30) + "b$";
    String path = "/" + "a".repeat(5000);
    // When matched (a naive recursive matcher would not finish), Then it simply does not match
    assertFalse(RobotsRules.matches(pattern, path));
  }
}
