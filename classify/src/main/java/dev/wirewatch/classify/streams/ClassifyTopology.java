package dev.wirewatch.classify.streams;

import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.classify.streams.internal.ClassifyProcessor;
import dev.wirewatch.classify.streams.internal.DlqDeserializationHandler;
import dev.wirewatch.classify.streams.internal.DlqProcessingHandler;
import dev.wirewatch.classify.streams.internal.EventProcessor;
import dev.wirewatch.classify.streams.internal.MentionChange;
import dev.wirewatch.classify.streams.internal.MentionChangeSerde;
import dev.wirewatch.classify.streams.internal.Routed;
import dev.wirewatch.schema.DialogueMention;
import dev.wirewatch.schema.serde.AvroSerde;
import dev.wirewatch.schema.topic.Topics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The classify stage as a Kafka Streams application around {@link DialogueClassifier}.
 *
 * <ul>
 *   <li>in: {@code raw-articles} — key articleId (String), value {@code RawArticle} (a null value retracts the article);</li>
 *   <li>out: {@code dialogue-mentions} — key articleId, value {@code DialogueMention}; a tombstone when an article that
 *       was a mention is no longer one (articles never mentioned get none);</li>
 *   <li>out: {@code dialogue-events} — key eventId, value the {@code DialogueEvent} merged from all its mentions
 *       ({@link dev.wirewatch.classify.EventMerger}); an article whose eventId changes leaves its old event; a
 *       tombstone when an event has no mention left;</li>
 *   <li>out: {@code wirewatch-dlq} — records that cannot be deserialised or make the classifier throw, with the
 *       source topic/partition/offset and the exception in headers (Kafka's KIP-1034 dead-letter queue).</li>
 * </ul>
 *
 * <p>Mention changes are re-keyed by eventId through the repartition topic
 * {@code <application.id>-mention-changes-by-event-repartition} so that one task owns each event.
 */
public final class ClassifyTopology {

  /** Source processor reading {@code raw-articles}. */
  public static final String SOURCE = "raw-articles-source";
  /** The processor that classifies articles. */
  public static final String CLASSIFY = "classify-articles";
  /** Store articleId → the article's last published mention. */
  public static final String MENTION_STORE = "mention-by-article";
  /** Name of the repartition topic (before Kafka's prefix and suffix). */
  public static final String REPARTITION = "mention-changes-by-event";
  /** The processor that merges events. */
  public static final String MERGE = "merge-events";
  /** Store eventId + articleId → mention. */
  public static final String EVENT_STORE = "mentions-by-event";
  /** Sink to {@code dialogue-mentions}. */
  public static final String MENTIONS_SINK = "dialogue-mentions-sink";
  /** Sink to {@code dialogue-events}. */
  public static final String EVENTS_SINK = "dialogue-events-sink";

  private ClassifyTopology() {
  }

  /** The topology with the classifier applied to articles as archived; {@code main} code and tests build the same one. */
  public static Topology buildTopology(DialogueClassifier classifier) {
    return buildTopology(ArchiveClassifier.of(Objects.requireNonNull(classifier, "classifier")));
  }

  /** The topology, with {@code classifier} deciding what each archived article is (the replay path uses the same). */
  public static Topology buildTopology(ArchiveClassifier classifier) {
    Objects.requireNonNull(classifier, "classifier");
    AvroSerde<DialogueMention> mentionSerde = AvroSerde.of(DialogueMention.class);
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MENTION_STORE), Serdes.String(), mentionSerde));
    builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EVENT_STORE), Serdes.String(), mentionSerde));

    KStream<String, Routed> routed = builder
        .stream(Topics.RAW_ARTICLES.name(), Consumed.with(Topics.RAW_ARTICLES.keySerde(), Topics.RAW_ARTICLES.valueSerde()).withName(SOURCE))
        .process(() -> new ClassifyProcessor(classifier, MENTION_STORE), Named.as(CLASSIFY), MENTION_STORE);

    routed.split(Named.as("route-"))
        .branch((articleId, r) -> r.isMention(), Branched.withConsumer(mentions -> mentions
            .mapValues(Routed::mention, Named.as("mention-value"))
            .to(Topics.DIALOGUE_MENTIONS.name(), Produced.with(Topics.DIALOGUE_MENTIONS.keySerde(), Topics.DIALOGUE_MENTIONS.valueSerde())
                .withName(MENTIONS_SINK)), "mentions"))
        .defaultBranch(Branched.withConsumer(changes -> changes
            .mapValues(Routed::change, Named.as("change-value"))
            .repartition(Repartitioned.<String, MentionChange>with(Serdes.String(), new MentionChangeSerde()).withName(REPARTITION))
            .process(() -> new EventProcessor(EVENT_STORE, classifier.version()), Named.as(MERGE), EVENT_STORE)
            .to(Topics.DIALOGUE_EVENTS.name(), Produced.with(Topics.DIALOGUE_EVENTS.keySerde(), Topics.DIALOGUE_EVENTS.valueSerde())
                .withName(EVENTS_SINK)), "event-changes"));
    return builder.build();
  }

  /**
   * Streams configuration: the given client properties (bootstrap.servers, security…) plus exactly-once v2, the
   * state directory, and the dead-letter queue with log-and-continue handlers (also for global processing) so a bad
   * record never stops the app.
   */
  public static Properties streamsProperties(Map<String, Object> kafkaClientProps, String applicationId, Path stateDir) {
    Objects.requireNonNull(kafkaClientProps, "kafkaClientProps");
    Objects.requireNonNull(stateDir, "stateDir");
    if (applicationId == null || applicationId.isBlank()) {
      throw new IllegalArgumentException("applicationId must be non-blank");
    }
    if (!kafkaClientProps.containsKey(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new IllegalArgumentException("kafkaClientProps must contain " + StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
    }
    Properties props = new Properties();
    props.putAll(kafkaClientProps);
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DLQ.name());
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DlqDeserializationHandler.class.getName());
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DlqProcessingHandler.class.getName());
    // Also route failures in global state/KTable processing through the handler (Kafka warns when this is off; it
    // becomes the default in Kafka 5.0).
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    // Raw articles may carry the fetched page; let the producer send what the topics accept.
    props.put(StreamsConfig.producerPrefix("max.request.size"), Topics.MAX_MESSAGE_BYTES);
    return props;
  }
}
