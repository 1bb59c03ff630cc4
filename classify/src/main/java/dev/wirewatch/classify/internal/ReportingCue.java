package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Gate;
import dev.wirewatch.classify.internal.match.Rule;
import dev.wirewatch.classify.internal.match.Span;

/**
 * "said", "told reporters", "announced": a date or place right after a reporting verb is when or where something was
 * said, not when or where the round met.
 */
final class ReportingCue {

  private final Rule reporting;

  ReportingCue(Lexicon lexicon) {
    this.reporting = lexicon.rule("reporting");
  }

  /** Whether a reporting verb precedes {@code body[at]} in its sentence with only filler between them. */
  boolean justBefore(String body, int sentenceStart, int at) {
    int from = Math.max(sentenceStart, at - 45);
    // The window alone, lower-cased once: the rule's start words are looked up before any regex runs.
    String window = body.substring(from, at);
    for (Span m : reporting.findAll(window, Gate.lower(window), 0, window.length())) {
      // Only when nothing but filler ("here", "at a press conference in Beijing") separates them.
      String between = window.substring(m.end());
      if (!between.contains(",") && !between.contains("，") && between.length() < 40) {
        return true;
      }
    }
    return false;
  }
}
