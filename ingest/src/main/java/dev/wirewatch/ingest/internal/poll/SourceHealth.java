package dev.wirewatch.ingest.internal.poll;

import java.util.Locale;

/** How a source is doing, as FeedStatus {@code state} and {@code wirewatch feeds} show it. */
public enum SourceHealth {
  /** The last poll worked and the source shows recent items. */
  OK,
  /** The last poll worked, but no item is newer than {@code ingest.stale.after}, or every item was too old. */
  STALE,
  /** The last poll failed. */
  FAILING,
  /** 404, 410 or 403 on every poll for a day; the source is then polled daily. */
  GONE;

  /** The FeedStatus spelling: ok, stale, failing, gone. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The health a FeedStatus {@code state} names, or null for a missing or unknown one. */
  public static SourceHealth ofLabel(String label) {
    if (label == null) {
      return null;
    }
    for (SourceHealth h : values()) {
      if (h.label().equals(label)) {
        return h;
      }
    }
    return null;
  }
}
