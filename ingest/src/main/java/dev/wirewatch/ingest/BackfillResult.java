package dev.wirewatch.ingest;

import java.net.URI;

/**
 * What became of one page named for backfill ({@link IngestService#backfill}).
 *
 * @param url the page as named
 * @param articleId its articleId, or null when the URL could not be used
 * @param outcome what happened
 * @param message one line for a failure (or a note on a partial success), else null
 */
public record BackfillResult(URI url, String articleId, Outcome outcome, String message) {

  /** What happened to one named page. */
  public enum Outcome {
    /** Archived for the first time. */
    NEW,
    /** Archived again: its content changed since it was archived. */
    CHANGED,
    /** Already archived with this content; nothing produced. */
    UNCHANGED,
    /** Not archived (or not whole): see the message. */
    FAILED
  }

  /** True unless the page could not be archived whole. */
  public boolean archived() {
    return outcome != Outcome.FAILED;
  }
}
