package dev.wirewatch.ingest.internal.poll;

import java.time.Instant;

/** The running counts and messages of one poll of one source. */
final class PollTally {

  final Instant started;
  Integer httpStatus;
  boolean ok;
  /** Why the source itself could not be read, or null. */
  String error;
  /** A partial success worth a line (a feed cut short), or null. */
  String note;
  int itemsSeen;
  int tooOld;
  int created;
  int changed;
  int failed;
  int disallowed;
  String firstFailure;

  PollTally(Instant started) {
    this.started = started;
  }

  void note(String text) {
    note = text;
  }

  void articleFailed(RuntimeException e) {
    failed++;
    if (e instanceof dev.wirewatch.ingest.internal.fetch.FetchException f && f.disallowedByRobots()) {
      disallowed++;
    }
    if (firstFailure == null) {
      firstFailure = e.getMessage();
    }
  }

  /** The one-line error of the status record: the source's own, else the note and the article failures. */
  String error() {
    if (!ok) {
      return error;
    }
    StringBuilder sb = new StringBuilder();
    if (note != null) {
      sb.append(note);
    }
    if (failed > 0) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(failed).append(" of ").append(itemsSeen - tooOld).append(" article pages failed")
          .append(disallowed == 0 ? "" : " (" + disallowed + " disallowed by robots.txt, not fetched)")
          .append("; first: ").append(firstFailure);
    }
    return sb.length() == 0 ? null : sb.toString();
  }
}
