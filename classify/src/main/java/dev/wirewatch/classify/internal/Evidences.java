package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Span;
import dev.wirewatch.schema.Evidence;

/** Evidence records: a field, the quoted text and its offsets into the body. */
final class Evidences {

  private Evidences() {
  }

  static Evidence of(String field, String body, int start, int end) {
    // The all-args constructor: the builder's per-field validation and default look-ups cost more than the rest of
    // this; every field is set and none is null, so the record is the same.
    return new Evidence(field, body.substring(start, end), start, end);
  }

  static Evidence of(String field, String body, Span span) {
    return of(field, body, span.start(), span.end());
  }
}
