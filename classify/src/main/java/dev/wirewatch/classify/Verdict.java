package dev.wirewatch.classify;

import dev.wirewatch.schema.DialogueEvent;

/**
 * What the classifier says about one article.
 *
 * @param id                the article id
 * @param isDialogue        true when the article reports a human-rights dialogue round
 * @param confidence        probability in [0, 1] that the article reports a round (so below 0.5 when
 *                          {@code isDialogue} is false)
 * @param classifierVersion {@link DialogueClassifier#version()} of the classifier that decided
 * @param dialogue          the round as read from this article alone (its mentions hold this article), or null
 */
public record Verdict(String id, boolean isDialogue, double confidence, String classifierVersion, DialogueEvent dialogue) {
}
