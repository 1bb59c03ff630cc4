package dev.wirewatch.app.ops;

import dev.wirewatch.schema.FeedStatus;
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.DlqHeaders;
import dev.wirewatch.schema.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Counts what a stage's Kafka clients send and the sink receives, without the stage knowing: a Kafka client
 * interceptor ({@code interceptor.classes}) added to the client properties each stage is given. It sees feed
 * poll results and archived articles as ingest sends them, mentions, events and dead letters as the classifier's
 * producer sends them (records of aborted transactions included, which exactly-once retries make rare), and
 * the timestamps of the {@code dialogue-events} records the sink reads. It never changes a record.
 *
 * <p>Kafka creates the interceptor itself; it finds its {@link PipelineMetrics} under {@link #METRICS} in the
 * client's configuration.
 */
public final class StageTap implements ProducerInterceptor<Object, Object>, ConsumerInterceptor<Object, Object> {

  /** The client property that carries the {@link PipelineMetrics} instance to the interceptor. */
  public static final String METRICS = "wirewatch.metrics";

  private PipelineMetrics metrics;

  /** {@code clientProps} plus this interceptor, for the plain producers and consumers of ingest and the sink. */
  public static Map<String, Object> clientProperties(Map<String, Object> clientProps, PipelineMetrics metrics) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG, withTap(clientProps.get(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG)));
    props.put(METRICS, metrics);
    return props;
  }

  /** {@code clientProps} plus this interceptor on the producer of a Kafka Streams application only. */
  public static Map<String, Object> streamsProperties(Map<String, Object> clientProps, PipelineMetrics metrics) {
    Map<String, Object> props = new HashMap<>(clientProps);
    String key = StreamsConfig.producerPrefix(ProducerConfig.INTERCEPTOR_CLASSES_CONFIG);
    props.put(key, withTap(clientProps.get(key)));
    props.put(StreamsConfig.producerPrefix(METRICS), metrics);
    return props;
  }

  private static String withTap(Object configured) {
    String existing = configured == null ? "" : configured.toString().trim();
    return existing.isEmpty() ? StageTap.class.getName() : existing + "," + StageTap.class.getName();
  }

  @Override
  public void configure(Map<String, ?> configs) {
    Object given = configs.get(METRICS);
    metrics = given instanceof PipelineMetrics m ? m : null;
  }

  @Override
  public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
    if (metrics == null) {
      return record;
    }
    String topic = record.topic();
    Object value = record.value();
    if (topic.equals(Topics.FEED_STATUS.name()) && value instanceof FeedStatus status) {
      metrics.feedPolled(status);
    } else if (topic.equals(Topics.RAW_ARTICLES.name()) && value instanceof RawArticle article) {
      metrics.articleProduced(article);
    } else if (topic.equals(Topics.DIALOGUE_MENTIONS.name())) {
      metrics.mention(value == null);
    } else if (topic.equals(Topics.DIALOGUE_EVENTS.name())) {
      metrics.event(value == null);
    } else if (topic.equals(Topics.DLQ.name())) {
      Header stage = record.headers().lastHeader(DlqHeaders.STAGE);
      metrics.deadLetter(stage == null ? "unknown" : stageName(stage.value()));
    }
    return record;
  }

  @Override
  public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
    if (metrics != null && exception == null && metadata != null && metadata.topic().equals(Topics.RAW_ARTICLES.name())) {
      metrics.articleArchived();
    }
  }

  @Override
  public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
    if (metrics == null) {
      return records;
    }
    for (TopicPartition partition : records.partitions()) {
      if (partition.topic().equals(Topics.DIALOGUE_EVENTS.name())) {
        List<ConsumerRecord<Object, Object>> list = records.records(partition);
        list.forEach(r -> metrics.eventConsumed(partition, r.offset(), r.timestamp()));
      }
    }
    return records;
  }

  @Override
  public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
  }

  @Override
  public void close() {
  }

  /** Only the known stage names become label values: a header is data from the topic. */
  private static String stageName(byte[] value) {
    String stage = value == null ? "" : new String(value, StandardCharsets.UTF_8);
    return switch (stage) {
      case "classify", "sink", "ingest" -> stage;
      default -> "unknown";
    };
  }
}
