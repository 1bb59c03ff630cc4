package dev.wirewatch.classify.streams.internal;

import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.schema.DialogueMention;
import dev.wirewatch.schema.RawArticle;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies each raw article and emits what changed: the article's mention (or its tombstone when an article
 * that was a mention no longer is) and the matching leave/join changes for the events. Keeps the last mention
 * per article in {@code storeName} so that it only tombstones what it once published.
 */
public final class ClassifyProcessor implements Processor<String, RawArticle, String, Routed> {

  private static final Logger LOG = LoggerFactory.getLogger(ClassifyProcessor.class);

  private final ArchiveClassifier classifier;
  private final String storeName;
  private ProcessorContext<String, Routed> context;
  private KeyValueStore<String, DialogueMention> mentions;

  public ClassifyProcessor(ArchiveClassifier classifier, String storeName) {
    this.classifier = classifier;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, Routed> context) {
    this.context = context;
    this.mentions = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, RawArticle> record) {
    RawArticle raw = record.value();
    String articleId = record.key() != null ? record.key() : raw == null ? null : raw.getArticleId();
    if (articleId == null) {
      // Thrown so the processing exception handler sends the record to the DLQ with its coordinates.
      throw new IllegalArgumentException("raw article record has neither a key nor an articleId");
    }
    DialogueMention previous = mentions.get(articleId);
    DialogueMention current = null;
    if (raw != null) {
      current = classifier.mentionOf(articleId, classifier.refreshed(raw)).orElse(null);
    }
    long ts = record.timestamp();
    if (current == null) {
      if (previous != null) {
        LOG.info("article {} is no longer a dialogue mention (was event {}), classifier {}", articleId,
            previous.getDialogue().getEventId(), classifier.version());
        mentions.delete(articleId);
        context.forward(new Record<>(articleId, Routed.mention(null), ts));
        context.forward(new Record<>(previous.getDialogue().getEventId(), Routed.change(new MentionChange(articleId, null)), ts));
      }
      return;
    }
    if (current.equals(previous)) {
      return;
    }
    mentions.put(articleId, current);
    context.forward(new Record<>(articleId, Routed.mention(current), ts));
    if (previous != null && sameReading(previous, current)) {
      // Only the classifier version differs: the mention is re-stamped, but its event cannot change, so the
      // event side is spared the repartition round trip and the merge (most of a replay's work otherwise).
      return;
    }
    String eventId = current.getDialogue().getEventId();
    if (previous != null && !previous.getDialogue().getEventId().equals(eventId)) {
      context.forward(new Record<>(previous.getDialogue().getEventId(), Routed.change(new MentionChange(articleId, null)), ts));
    }
    context.forward(new Record<>(eventId, Routed.change(new MentionChange(articleId, current)), ts));
  }

  /** Equal apart from the classifier versions stamped on the mention and its reading. */
  static boolean sameReading(DialogueMention a, DialogueMention b) {
    DialogueMention restamped = DialogueMention.newBuilder(b)
        .setClassifierVersion(a.getClassifierVersion())
        .setDialogue(dev.wirewatch.schema.DialogueEvent.newBuilder(b.getDialogue())
            .setClassifierVersion(a.getDialogue().getClassifierVersion()).build())
        .build();
    return restamped.equals(a);
  }
}
