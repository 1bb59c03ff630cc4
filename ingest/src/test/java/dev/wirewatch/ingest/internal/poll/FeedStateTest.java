package dev.wirewatch.ingest.internal.poll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.ingest.FeedSource;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedStateTest {

  private static final Instant NOW = Instant.parse("2024-06-18T12:00:00Z");

  private static long delayMs(FeedState state) {
    return Duration.between(NOW, state.nextPollAt()).toMillis();
  }

  @Test
  void backsOffExponentiallyWithCapAndResetsAfterSuccess() {
    // Given a feed polled every minute
    FeedState state = new FeedState(new FeedSource("xinhua", URI.create("https://english.news.cn/rss/chinarss.xml"),
        Duration.ofMinutes(1)));

    // When it fails repeatedly, Then the delay doubles (within jitter) up to one hour
    state.failed(NOW, null);
    assertTrue(delayMs(state) >= 108_000 && delayMs(state) <= 132_000, "2 min: " + delayMs(state));
    state.failed(NOW, null);
    assertTrue(delayMs(state) >= 216_000 && delayMs(state) <= 264_000, "4 min: " + delayMs(state));
    for (int i = 0; i < 10; i++) {
      state.failed(NOW, null);
    }
    assertTrue(delayMs(state) <= 3_960_000 && delayMs(state) >= 3_240_000, "cap 1 h: " + delayMs(state));
    assertEquals(12, state.consecutiveFailures());

    // When it succeeds, Then the normal interval applies again
    state.succeeded(NOW);
    assertEquals(0, state.consecutiveFailures());
    assertTrue(delayMs(state) >= 54_000 && delayMs(state) <= 66_000, "1 min: " + delayMs(state));
  }

  @Test
  void retryAfterLongerThanBackoffWins() {
    // Given
    FeedState state = new FeedState(new FeedSource("ecns", URI.create("https://www.ecns.cn/rss/rss.xml"),
        Duration.ofSeconds(10)));

    // When
    state.failed(NOW, Duration.ofMinutes(10));

    // Then
    assertEquals(600_000, delayMs(state));
  }

  @Test
  void quietFeedIsPolledLessOftenUpToFourTimesTheInterval() {
    // Given a feed polled every minute
    FeedState state = new FeedState(new FeedSource("xinhua", URI.create("https://english.news.cn/rss/chinarss.xml"),
        Duration.ofMinutes(1)));

    // When two good polls bring nothing, Then the interval stays as configured
    state.succeeded(NOW, false);
    state.succeeded(NOW, false);
    assertEquals(1, state.stretch());
    assertTrue(delayMs(state) >= 54_000 && delayMs(state) <= 66_000, "1 min: " + delayMs(state));

    // When the third quiet poll comes, Then it doubles
    state.succeeded(NOW, false);
    assertEquals(Duration.ofMinutes(2), state.currentInterval());
    assertTrue(delayMs(state) >= 108_000 && delayMs(state) <= 132_000, "2 min: " + delayMs(state));

    // When it stays quiet for many more polls, Then it stops at four times the configured interval
    for (int i = 0; i < 12; i++) {
      state.succeeded(NOW, false);
    }
    assertEquals(4, state.stretch());
    assertTrue(delayMs(state) >= 216_000 && delayMs(state) <= 264_000, "4 min: " + delayMs(state));
  }

  @Test
  void newItemsShortenTheIntervalBackTowardTheConfiguredOne() {
    // Given a quiet feed stretched to four times its interval
    FeedState state = new FeedState(new FeedSource("ecns", URI.create("https://www.ecns.cn/rss/rss.xml"),
        Duration.ofMinutes(5)));
    for (int i = 0; i < 6; i++) {
      state.succeeded(NOW, false);
    }
    assertEquals(4, state.stretch());

    // When a poll brings new items, Then the stretch halves; When another does, Then it is back to 1
    state.succeeded(NOW, true);
    assertEquals(Duration.ofMinutes(10), state.currentInterval());
    state.succeeded(NOW, true);
    assertEquals(Duration.ofMinutes(5), state.currentInterval());

    // When a failure comes between quiet polls, Then the count of quiet polls is not reset by it
    state.succeeded(NOW, false);
    state.failed(NOW, null);
    state.succeeded(NOW, false);
    state.succeeded(NOW, false);
    assertEquals(2, state.stretch());
  }

  @Test
  void restoredValidatorsNeverReplaceTheProcessOwn() {
    // Given a fresh feed state
    FeedState state = new FeedState(new FeedSource("xinhua", URI.create("https://english.news.cn/rss/chinarss.xml"),
        Duration.ofMinutes(1)));

    // When validators are restored from the topic, Then the next poll sends them
    state.restoreValidators("\"a\"", "Sun, 09 Jun 2024 08:05:00 GMT");
    assertEquals("\"a\"", state.etag());
    assertEquals("Sun, 09 Jun 2024 08:05:00 GMT", state.lastModified());

    // When the process learned newer ones, Then a late restore leaves them alone
    state.validators("\"b\"", null);
    state.restoreValidators("\"a\"", "Sun, 09 Jun 2024 08:05:00 GMT");
    assertEquals("\"b\"", state.etag());
    assertNull(state.lastModified());
  }

  @Test
  void notFoundOnEveryPollForADayIsGoneThenPolledDaily() {
    // Given a source answering 404
    FeedState state = new FeedState(FeedSource.of("ecns", "https://www.ecns.cn/rss/gone.xml"));
    Duration stale = Duration.ofDays(3);

    // When it keeps answering 404 for less than a day, Then it is failing
    assertEquals(SourceHealth.FAILING, state.assess(NOW, false, 404, false, stale));
    assertEquals(SourceHealth.FAILING, state.assess(NOW.plus(Duration.ofHours(23)), false, 410, false, stale));

    // When a day has passed since the first 404, Then it is gone, and asked again a day later
    Instant dayLater = NOW.plus(Duration.ofDays(1));
    assertEquals(SourceHealth.GONE, state.assess(dayLater, false, 403, false, stale));
    state.gone(dayLater);
    assertEquals(dayLater.plus(Duration.ofDays(1)), state.nextPollAt());
  }

  @Test
  void anotherFailureBreaksTheRunOfNotFound() {
    FeedState state = new FeedState(FeedSource.of("ecns", "https://www.ecns.cn/rss/rss.xml"));
    Duration stale = Duration.ofDays(3);
    state.assess(NOW, false, 404, false, stale);
    assertEquals(SourceHealth.FAILING, state.assess(NOW.plus(Duration.ofHours(12)), false, 500, false, stale));
    assertEquals(SourceHealth.FAILING, state.assess(NOW.plus(Duration.ofHours(25)), false, 404, false, stale));
  }

  @Test
  void quietOrAllTooOldIsStale() {
    FeedState state = new FeedState(FeedSource.of("xinhua", "https://english.news.cn/list/latestnews.htm"));
    Duration stale = Duration.ofDays(3);
    state.sawItem(NOW.minus(Duration.ofDays(1)));
    assertEquals(SourceHealth.OK, state.assess(NOW, true, 200, false, stale));
    assertEquals(SourceHealth.STALE, state.assess(NOW.plus(Duration.ofDays(3)), true, 304, false, stale));
    assertEquals(SourceHealth.STALE, state.assess(NOW, true, 200, true, stale));
    // And an older item does not move the newest back
    state.sawItem(NOW.minus(Duration.ofDays(9)));
    assertEquals(NOW.minus(Duration.ofDays(1)), state.newestItemAt());
  }
}
