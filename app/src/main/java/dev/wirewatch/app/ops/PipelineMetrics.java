package dev.wirewatch.app.ops;

import dev.wirewatch.classify.Verdict;
import dev.wirewatch.schema.FeedStatus;
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.sink.SinkHealth;
import dev.wirewatch.sink.SinkListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;

/**
 * The pipeline's own counters and gauges, in a Prometheus registry that {@code /metrics} renders. The stages are
 * not edited to count: ingest and the classifier's producer are observed through {@link StageTap} (a Kafka client
 * interceptor that sees each record they send), verdicts through the classifier's observer, the sink through its
 * {@link SinkListener} and {@link SinkHealth}. Labels never carry configuration values: a feed is named by its
 * URL without user info, query or fragment.
 */
public final class PipelineMetrics implements SinkListener {

  private static final Duration BUCKET_MIN = Duration.ofMillis(50);
  private static final Duration BUCKET_MAX = Duration.ofMinutes(30);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Clock clock;
  private final Map<String, AtomicLong> newestItemMs = new ConcurrentHashMap<>();
  private final Set<String> feedsPolled = ConcurrentHashMap.newKeySet();
  private final Map<TopicPartition, Long> storedOffsets = new ConcurrentHashMap<>();
  /** Record timestamps of dialogue-events records the sink consumed and has not stored yet, by partition. */
  private final Map<TopicPartition, Deque<long[]>> pendingTimestamps = new HashMap<>();
  private final Counter articlesExtracted;
  private final Counter articlesArchived;
  private final Counter verdictDialogue;
  private final Counter verdictOther;
  private final Counter sinkBatches;
  private final Counter sinkRetries;
  private final Timer fetchToStored;
  /** Micrometer holds the state of function meters weakly; these keep the suppliers alive with the registry. */
  private final java.util.List<Object> meterStates = new java.util.concurrent.CopyOnWriteArrayList<>();

  public PipelineMetrics(Clock clock) {
    this.clock = clock;
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    articlesExtracted = Counter.builder("wirewatch.articles.extracted")
        .description("Article pages fetched and extracted into a raw-articles record (new or changed content)").register(registry);
    articlesArchived = Counter.builder("wirewatch.articles.archived")
        .description("raw-articles records acknowledged by Kafka").register(registry);
    verdictDialogue = verdicts("dialogue");
    verdictOther = verdicts("not_dialogue");
    sinkBatches = Counter.builder("wirewatch.sink.batches").description("Batches committed to the database").register(registry);
    sinkRetries = Counter.builder("wirewatch.sink.retries")
        .description("Writes that failed for a reason outside the record (database or DLQ unreachable) and were retried").register(registry);
    fetchToStored = Timer.builder("wirewatch.fetch.to.stored")
        .description("From an article's fetch (its raw-articles record's timestamp, carried by Kafka Streams to the event"
            + " it changed) to the commit of that event's row")
        .publishPercentileHistogram()
        .minimumExpectedValue(BUCKET_MIN)
        .maximumExpectedValue(BUCKET_MAX)
        .register(registry);
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  /** Binds JVM garbage collection metrics; closed with the returned handle. */
  public AutoCloseable bindGc() {
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    return gc;
  }

  /** Counts {@code events stored} and dead letters from the sink's own counters. */
  public void observeSink(Supplier<SinkHealth> health) {
    meterStates.add(health);
    FunctionCounter.builder("wirewatch.events.stored", health, h -> h.get().rowsWritten())
        .description("Event rows upserted or deleted by the sink").register(registry);
    FunctionCounter.builder("wirewatch.sink.records", health, h -> h.get().recordsConsumed())
        .description("dialogue-events records consumed and stored (tombstones and dead letters included)").register(registry);
  }

  /** A gauge of records not yet processed by {@code stage}, read by {@code lag} (null while unknown). */
  public void consumerLag(String stage, Supplier<Long> lag) {
    meterStates.add(lag);
    Gauge.builder("wirewatch.consumer.lag", lag, l -> {
      Long value = l.get();
      return value == null ? Double.NaN : value;
    }).description("Records on the stage's input topic that it has not processed yet").baseUnit("records")
        .tag("stage", stage).register(registry);
  }

  // ---- what StageTap sees

  void feedPolled(FeedStatus status) {
    String feed = feedLabel(status.getFeedUrl());
    feedsPolled.add(status.getFeedUrl());
    Counter.builder("wirewatch.feed.polls")
        .description("Feed polls, by HTTP status (none when no answer came) and the source's state after the poll")
        .tag("status", status.getHttpStatus() == null ? "none" : Integer.toString(status.getHttpStatus()))
        // ok, stale, failing or gone; records of releases before the states knew only ok or failed
        .tag("state", status.getState() != null ? status.getState() : status.getOk() ? "ok" : "failing")
        .register(registry).increment();
    newestItem(feed);
  }

  void articleProduced(RawArticle article) {
    articlesExtracted.increment();
    if (article.getFeedUrl() == null || article.getPublishedAt() == null) {
      return;
    }
    try {
      long published = OffsetDateTime.parse(article.getPublishedAt()).toInstant().toEpochMilli();
      newestItem(feedLabel(article.getFeedUrl())).accumulateAndGet(published, Math::max);
    } catch (DateTimeParseException e) {
      // An article without a readable date says nothing about the feed's freshness.
    }
  }

  void articleArchived() {
    articlesArchived.increment();
  }

  void mention(boolean retracted) {
    Counter.builder("wirewatch.mentions").description("dialogue-mentions records sent, by change")
        .tag("change", retracted ? "retracted" : "emitted").register(registry).increment();
  }

  void event(boolean retracted) {
    Counter.builder("wirewatch.events").description("dialogue-events records sent, by change")
        .tag("change", retracted ? "retracted" : "emitted").register(registry).increment();
  }

  void deadLetter(String stage) {
    Counter.builder("wirewatch.dlq.records").description("Records sent to wirewatch-dlq, by the stage that gave up")
        .tag("stage", stage).register(registry).increment();
  }

  /** The sink's consumer read a dialogue-events record; its timestamp is kept until the record is stored. */
  synchronized void eventConsumed(TopicPartition partition, long offset, long timestamp) {
    Deque<long[]> pending = pendingTimestamps.computeIfAbsent(partition, p -> new ArrayDeque<>());
    if (pending.isEmpty() || pending.peekLast()[0] < offset) {
      pending.addLast(new long[] {offset, timestamp});
    }
  }

  // ---- classifier and sink

  /** Counts one verdict of the classifier. */
  public void verdict(Verdict verdict) {
    (verdict.isDialogue() ? verdictDialogue : verdictOther).increment();
  }

  @Override
  public synchronized void batchStored(int records, Map<TopicPartition, Long> nextOffsets) {
    sinkBatches.increment();
    storedOffsets.putAll(nextOffsets);
    long now = clock.millis();
    nextOffsets.forEach((partition, next) -> {
      Deque<long[]> pending = pendingTimestamps.getOrDefault(partition, new ArrayDeque<>());
      while (!pending.isEmpty() && pending.peekFirst()[0] < next) {
        long timestamp = pending.pollFirst()[1];
        if (timestamp > 0) {
          fetchToStored.record(Duration.ofMillis(Math.max(0, now - timestamp)));
        }
      }
    });
  }

  @Override
  public void retryScheduled() {
    sinkRetries.increment();
  }

  /** The offsets the sink has stored in the database, per partition (empty before its first batch). */
  public Map<TopicPartition, Long> storedOffsets() {
    return Map.copyOf(storedOffsets);
  }

  /** The feed URLs whose poll result this process has produced at least once. */
  public Set<String> feedsPolled() {
    return Set.copyOf(feedsPolled);
  }

  private Counter verdicts(String verdict) {
    return Counter.builder("wirewatch.articles.classified").description("Articles classified, by verdict")
        .tag("verdict", verdict).register(registry);
  }

  private AtomicLong newestItem(String feed) {
    return newestItemMs.computeIfAbsent(feed, f -> {
      AtomicLong newest = new AtomicLong();
      Gauge.builder("wirewatch.feed.newest.item.age", newest, n -> n.get() == 0 ? Double.NaN
              : Math.max(0, clock.millis() - n.get()) / 1000.0)
          .description("Age of the newest article (by its publication time) fetched from the feed by this process")
          .baseUnit("seconds").tag("feed", f).register(registry);
      return newest;
    });
  }

  /** A feed URL as a label: scheme, host, port and path only (a query could carry a token). */
  static String feedLabel(String url) {
    try {
      URI uri = URI.create(url);
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
    } catch (IllegalArgumentException | java.net.URISyntaxException e) {
      return "unparseable";
    }
  }
}
