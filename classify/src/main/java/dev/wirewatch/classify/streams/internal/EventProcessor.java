package dev.wirewatch.classify.streams.internal;

import dev.wirewatch.classify.EventMerger;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.DialogueMention;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps, per eventId, the mentions that report it (store key {@code eventId + '\u0000' + articleId}, read back
 * with a prefix scan) and emits the merged event after each change that alters its content, or a tombstone when
 * none is left. classifierVersion alone is not a change: the event keeps the version that last changed it. An event
 * that changes is stamped with the version that changed it: the joining mention's, or for a mention that leaves, the
 * running classifier's. The merged readings' versions do not say it: a reading the change left as it was still
 * carries the version that classified it, and may rank first.
 */
public final class EventProcessor implements Processor<String, MentionChange, String, DialogueEvent> {

  private static final char SEPARATOR = '\u0000';

  private final String storeName;
  private final String classifierVersion;
  private ProcessorContext<String, DialogueEvent> context;
  private KeyValueStore<String, DialogueMention> store;

  /**
   * @param storeName the store of mentions by event
   * @param classifierVersion the version of the classifier that produces the mention changes (it retracts mentions)
   */
  public EventProcessor(String storeName, String classifierVersion) {
    this.storeName = storeName;
    this.classifierVersion = classifierVersion;
  }

  @Override
  public void init(ProcessorContext<String, DialogueEvent> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, MentionChange> record) {
    String eventId = record.key();
    MentionChange change = record.value();
    if (eventId == null || change == null) {
      throw new IllegalArgumentException("mention change without eventId or body");
    }
    String prefix = eventId + SEPARATOR;
    DialogueEvent before = merged(eventId, prefix);
    if (change.mention() == null) {
      store.delete(prefix + change.articleId());
    } else {
      store.put(prefix + change.articleId(), change.mention());
    }
    DialogueEvent after = merged(eventId, prefix);
    if (sameContent(before, after)) {
      // Nothing a consumer can see changed (a replay re-stamping the same answer, a duplicate change):
      // the record on the topic, and the database row behind it, stay as they are.
      return;
    }
    if (after != null) {
      String changedBy = change.mention() != null ? change.mention().getClassifierVersion() : classifierVersion;
      after = DialogueEvent.newBuilder(after).setClassifierVersion(changedBy).build();
    }
    context.forward(new Record<>(eventId, after, record.timestamp()));
  }

  /** The store key of one article's mention of an event: the event's mentions are read back by prefix. */
  public static String storeKey(String eventId, String articleId) {
    return eventId + SEPARATOR + articleId;
  }

  private DialogueEvent merged(String eventId, String prefix) {
    List<DialogueEvent> readings = new ArrayList<>();
    try (KeyValueIterator<String, DialogueMention> it = store.prefixScan(prefix, new StringSerializer())) {
      while (it.hasNext()) {
        KeyValue<String, DialogueMention> kv = it.next();
        readings.add(kv.value.getDialogue());
      }
    }
    return readings.isEmpty() ? null : EventMerger.merge(eventId, readings);
  }

  /** Equal apart from classifierVersion, which names the version that last changed an event's content. */
  static boolean sameContent(DialogueEvent before, DialogueEvent after) {
    if (before == null || after == null) {
      return before == after;
    }
    return DialogueEvent.newBuilder(after).setClassifierVersion(before.getClassifierVersion()).build().equals(before);
  }
}
