package dev.wirewatch.ingest.internal.extract;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a site profile found on a page.
 *
 * @param title headline, or null
 * @param publishedAt publication time, or null
 * @param dateline dateline without the trailing dash, or null
 * @param paragraphs body paragraphs
 */
public record Extraction(String title, OffsetDateTime publishedAt, String dateline, List<String> paragraphs) {

  public Extraction {
    paragraphs = List.copyOf(paragraphs);
  }
}
