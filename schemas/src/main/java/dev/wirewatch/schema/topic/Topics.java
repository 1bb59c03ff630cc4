package dev.wirewatch.schema.topic;

import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.DialogueMention;
import dev.wirewatch.schema.FeedStatus;
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.serde.AvroSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;

/** The topics of DESIGN.md, with their serdes and cleanup policies. */
public final class Topics {

  /** Largest record a topic accepts; archived pages can be large (the fetcher caps pages below this). */
  public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

  /** Room a raw-articles record keeps for everything but the archived page: extracted fields, headers, framing. */
  public static final int RECORD_OVERHEAD_BYTES = 1024 * 1024;

  /**
   * Largest page the archive can hold next to its extracted fields: {@link #MAX_MESSAGE_BYTES} (the topic's
   * limit, set when the topics are provisioned) minus {@link #RECORD_OVERHEAD_BYTES}. The fetcher's page cap
   * and the configuration's check of {@code ingest.max.page.bytes} both use it.
   */
  public static final int MAX_ARCHIVED_PAGE_BYTES = MAX_MESSAGE_BYTES - RECORD_OVERHEAD_BYTES;

  private static final Map<String, String> COMPACTED = Map.of(
      "cleanup.policy", "compact",
      "compression.type", "zstd",
      "max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES));

  /** The archive: key articleId, never expires, replay reads it. */
  public static final TopicSpec<String, RawArticle> RAW_ARTICLES =
      new TopicSpec<>("raw-articles", Serdes.String(), AvroSerde.of(RawArticle.class), COMPACTED);

  /** Last poll result per feed: key feed URL. */
  public static final TopicSpec<String, FeedStatus> FEED_STATUS =
      new TopicSpec<>("feed-status", Serdes.String(), AvroSerde.of(FeedStatus.class), COMPACTED);

  /** One record per article that reports a dialogue; tombstone when it no longer does. Key articleId. */
  public static final TopicSpec<String, DialogueMention> DIALOGUE_MENTIONS =
      new TopicSpec<>("dialogue-mentions", Serdes.String(), AvroSerde.of(DialogueMention.class), COMPACTED);

  /** One record per dialogue round merged from its mentions; tombstone when none is left. Key eventId. */
  public static final TopicSpec<String, DialogueEvent> DIALOGUE_EVENTS =
      new TopicSpec<>("dialogue-events", Serdes.String(), AvroSerde.of(DialogueEvent.class), COMPACTED);

  /** Records that could not be processed: original key and bytes, the reason in headers. Kept 30 days. */
  public static final TopicSpec<byte[], byte[]> DLQ =
      new TopicSpec<>("wirewatch-dlq", Serdes.ByteArray(), Serdes.ByteArray(), Map.of(
          "cleanup.policy", "delete",
          "compression.type", "zstd",
          "retention.ms", Long.toString(Duration.ofDays(30).toMillis()),
          "max.message.bytes", Integer.toString(MAX_MESSAGE_BYTES)));

  /** Every topic the pipeline creates at start-up. */
  public static final List<TopicSpec<?, ?>> ALL =
      List.of(RAW_ARTICLES, FEED_STATUS, DIALOGUE_MENTIONS, DIALOGUE_EVENTS, DLQ);

  private Topics() {
  }
}
