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
 * none is left. classifierVersion alone is not a change: the event keeps the version that last changed it.
 */
public final class EventProcessor implements Processor<String, MentionChange, String, DialogueEvent> {

  private static final char SEPARATOR = '\u0000';

  private final String storeName;
  private ProcessorContext<String, DialogueEvent> context;
  private KeyValueStore<String, DialogueMention> store;

  public EventProcessor(String storeName) {
    this.storeName = storeName;
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
    context.forward(new Record<>(eventId, after, record.timestamp()));
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
