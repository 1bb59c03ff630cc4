package dev.wirewatch.classify.streams.internal;

import dev.wirewatch.schema.DialogueMention;
import java.util.Objects;

/**
 * One article joining (mention set) or leaving (mention null) an event; the value of the repartition topic
 * keyed by eventId.
 */
public record MentionChange(String articleId, DialogueMention mention) {

  public MentionChange {
    Objects.requireNonNull(articleId, "articleId");
  }
}
