package dev.wirewatch.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.schema.FeedStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceViewTest {

  private static final Instant NOW = Instant.parse("2026-06-14T12:00:00Z");

  private static FeedStatus.Builder status() {
    return FeedStatus.newBuilder().setFeedUrl("https://english.news.cn/list/latestnews.htm").setSource("xinhua")
        .setPolledAt(NOW.toEpochMilli()).setOk(true);
  }

  @Test
  void jsonLineCarriesTheDocumentedFields() {
    // Given a stale list page whose newest item is old
    FeedStatus s = status().setKind("list").setState("stale").setHttpStatus(304).setItemsSeen(12)
        .setNewestItemAt(NOW.minus(Duration.ofDays(5)).toEpochMilli()).build();

    // When shown as JSON
    ObjectNode json = SourceView.json(s);

    // Then every documented field is there, times in ISO-8601
    assertEquals(List.of("url", "source", "kind", "state", "lastPollAt", "httpStatus", "newestItemAt", "itemsSeen", "error"),
        iterable(json));
    assertEquals("stale", json.path("state").asText());
    assertEquals("2026-06-14T12:00:00Z", json.path("lastPollAt").asText());
    assertEquals("2026-06-09T12:00:00Z", json.path("newestItemAt").asText());
    assertEquals(304, json.path("httpStatus").asInt());
    assertTrue(json.path("error").isNull());
    assertEquals("5d", SourceView.age(s, NOW));
  }

  @Test
  void recordsOfOlderReleasesReadAsOkOrFailing() {
    assertEquals("ok", SourceView.state(status().build()));
    assertEquals("failing", SourceView.state(status().setOk(false).setHttpStatus(500).setError("HTTP 500").build()));
    assertEquals("-", SourceView.age(status().build(), NOW));
    assertEquals("8y", SourceView.age(status().setNewestItemAt(Instant.parse("2018-05-02T08:00:00Z").toEpochMilli()).build(), NOW));
  }

  private static List<String> iterable(ObjectNode json) {
    List<String> names = new java.util.ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
