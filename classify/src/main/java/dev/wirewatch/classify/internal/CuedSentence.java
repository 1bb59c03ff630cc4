package dev.wirewatch.classify.internal;

import java.util.List;

/**
 * One sentence with the cues found in it.
 *
 * @param refCue where a previous/next-round cue starts in the body, or -1
 * @param prev the sentence is about the previous round (its cue comes before anything happens)
 * @param next the sentence is about the next round
 * @param negative weight of the negative cues (another kind of story) in a sentence that names a dialogue
 * @param modal the sentence only says a round could or should happen
 * @param status the status cue read before {@code refCue}, or null
 * @param block the run of paragraphs it belongs to, counted in topic switches ("Asked about ...")
 * @param anaphor it refers back to a round named before ("the dialogue", "the two sides")
 */
record CuedSentence(Text.Sentence s, List<Anchor> anchors, int refCue, boolean prev, boolean next, boolean background,
                    int negative, boolean modal, StatusCue status, int block, boolean anaphor, boolean held, boolean announced) {

  /** The end of the part of the sentence about this round: where a previous/next-round cue starts, else its end. */
  int ownEnd() {
    return refCue >= 0 ? refCue : s.end();
  }

  /** Whether the sentence is about another round, or background. */
  boolean aboutAnotherRound() {
    return prev || next || background;
  }
}
