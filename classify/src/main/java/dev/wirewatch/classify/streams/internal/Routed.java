package dev.wirewatch.classify.streams.internal;

import dev.wirewatch.schema.DialogueMention;

/**
 * Output of the classify processor before it is split: either the new state of an article's mention (keyed by
 * articleId; null mention is a tombstone) or a change to an event's mention set (keyed by eventId).
 */
public record Routed(boolean isMention, DialogueMention mention, MentionChange change) {

  static Routed mention(DialogueMention mention) {
    return new Routed(true, mention, null);
  }

  static Routed change(MentionChange change) {
    return new Routed(false, null, change);
  }
}
