package dev.wirewatch.classify.internal;

import dev.wirewatch.classify.internal.match.Span;

/**
 * Where a sentence names a dialogue: {@code named} when the anchor cue matched ("human rights dialogue"), false for
 * a bare "dialogue" in a story whose title names the dialogue (a weaker anchor).
 */
record Anchor(Span span, boolean named) {
}
