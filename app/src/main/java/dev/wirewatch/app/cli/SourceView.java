package dev.wirewatch.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.schema.FeedStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * How {@code wirewatch feeds} shows one source's last FeedStatus: its state (records of releases before states
 * existed read as ok or failing), the age of its newest item, and the JSON object of {@code --format json}.
 */
final class SourceView {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(ZoneOffset.UTC);

  private SourceView() {
  }

  /** ok, stale, failing or gone. */
  static String state(FeedStatus s) {
    if (s.getState() != null) {
      return s.getState();
    }
    return s.getOk() || s.getHttpStatus() != null && s.getHttpStatus() == 304 ? "ok" : "failing";
  }

  /** The newest item's age as "3h", "2d", "5y", or "-" when unknown. */
  static String age(FeedStatus s, Instant now) {
    if (s.getNewestItemAt() == null) {
      return "-";
    }
    Duration d = Duration.between(Instant.ofEpochMilli(s.getNewestItemAt()), now);
    if (d.isNegative() || d.toMinutes() < 60) {
      return Math.max(0, d.toMinutes()) + "m";
    }
    if (d.toHours() < 48) {
      return d.toHours() + "h";
    }
    long days = d.toDays();
    return days < 730 ? days + "d" : days / 365 + "y";
  }

  /** One line of {@code feeds --format json}. */
  static ObjectNode json(FeedStatus s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("url", s.getFeedUrl());
    o.put("source", s.getSource());
    o.put("kind", s.getKind());
    o.put("state", state(s));
    o.put("lastPollAt", ISO.format(Instant.ofEpochMilli(s.getPolledAt())));
    if (s.getHttpStatus() == null) {
      o.putNull("httpStatus");
    } else {
      o.put("httpStatus", s.getHttpStatus().intValue());
    }
    o.put("newestItemAt", s.getNewestItemAt() == null ? null : ISO.format(Instant.ofEpochMilli(s.getNewestItemAt())));
    o.put("itemsSeen", s.getItemsSeen());
    o.put("error", s.getError());
    return o;
  }
}
