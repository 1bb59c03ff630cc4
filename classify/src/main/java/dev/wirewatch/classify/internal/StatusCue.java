package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Span;

/** A status cue: its kind (HELD, ANNOUNCED, POSTPONED, CANCELLED, SUSPENDED) and where it was read. */
record StatusCue(String kind, Span span) {

  /** Whether the round did not (or will not) take place as planned: cancelled, suspended or postponed. */
  boolean calledOff() {
    return kind.equals("CANCELLED") || kind.equals("SUSPENDED") || kind.equals("POSTPONED");
  }
}
