package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Span;
import java.util.List;

/**
 * A sentence naming a dialogue, scored as the report of a round, with the sentences that go on about it.
 *
 * @param anchor the sentence that names the dialogue
 * @param cluster that sentence and the following ones of its block that refer back to it
 * @param status the round's status, from the anchor sentence or the cluster
 * @param counterpartSpan where the counterpart was named in the body, or null when it came from the title
 * @param date the round's date, or null
 */
record Candidate(CuedSentence anchor, List<CuedSentence> cluster, double score, StatusCue status, String counterpart,
                 Span counterpartSpan, Dates.DateMention date) {

  /** The first anchor of the anchor sentence. */
  Anchor firstAnchor() {
    return anchor.anchors().get(0);
  }
}
