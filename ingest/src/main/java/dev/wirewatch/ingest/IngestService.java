package dev.wirewatch.ingest;

import dev.wirewatch.ingest.internal.fetch.HostPolicy;
import dev.wirewatch.ingest.internal.fetch.HttpFetcher;
import dev.wirewatch.ingest.internal.poll.ArchivedDigest;
import dev.wirewatch.ingest.internal.poll.FeedOutcome;
import dev.wirewatch.ingest.internal.poll.FeedPoller;
import dev.wirewatch.ingest.internal.poll.FeedState;
import dev.wirewatch.ingest.internal.poll.PollOutput;
import dev.wirewatch.ingest.internal.poll.SeenArticles;
import dev.wirewatch.schema.FeedStatus;
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.DlqHeaders;
import dev.wirewatch.schema.topic.TopicSpec;
import dev.wirewatch.schema.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage: polls the configured sources over HTTP (RSS/Atom feeds, and HTML list pages with the JSON
 * data sources they name), fetches each new or changed article page, extracts it, and produces
 * <ul>
 *   <li>to {@code raw-articles} ({@link Topics#RAW_ARTICLES}): key articleId (String), value {@link RawArticle},
 *       one per new article and one more each time an article's content changes;</li>
 *   <li>to {@code feed-status} ({@link Topics#FEED_STATUS}): key feed URL (String), value {@link FeedStatus},
 *       one per poll, errors included, with the source's state (ok, stale, failing, gone) and newest item;</li>
 *   <li>to {@code wirewatch-dlq} ({@link Topics#DLQ}): key articleId (bytes), value the RawArticle without page and
 *       text, for an article too large for the archive even without its page bytes (the reason in headers).</li>
 * </ul>
 * Input: at start it reads {@code raw-articles} up to its end offsets to learn which articles (and which
 * contents) are already archived, so a restart produces nothing unchanged; and {@code feed-status} up to its
 * end, whose latest record per feed carries the feed's ETag / Last-Modified, so the first poll after a restart
 * is conditional too. Ingest never classifies.
 *
 * <p>Freshness: items published longer ago than {@link IngestSettings#maxItemAge()} are not fetched; a source
 * whose newest item is older than {@link IngestSettings#staleAfter()}, or whose items are all too old, is stale;
 * one answering 404/410/403 on every poll for a day is gone and then polled daily.
 *
 * <p>Polling schedule: each feed is polled every {@link FeedSource#interval()}, with 10% jitter, adapted to how
 * often the feed actually changes. After 3 good polls in a row that produce nothing (HTTP 304, or no new or
 * changed article) the interval in use doubles, up to 4 times the configured one; each poll that produces a new
 * or changed article halves it again, down to the configured one. Failed polls back off exponentially instead
 * (capped at 1 h or the interval, never sooner than Retry-After) and do not change the adaptation.
 *
 * <p>robots.txt: article pages are fetched only when the origin's robots.txt allows them for the product token
 * of the User-Agent ({@code wirewatch}) or, when no group names it, for {@code *} (longest matching rule wins,
 * Allow on a tie). It is fetched through the same host policy and per-host limits, cached per origin for 24 h
 * (at most 1,000 origins). A 4xx answer (404) allows everything; a 5xx answer or no answer (timeout, refused,
 * Retry-After pause) disallows everything for 30 min, then it is asked again. Crawl-delay raises the per-host
 * delay (up to 60 s). A disallowed page is not requested and is reported in the feed's {@code FeedStatus}
 * ({@code ok=false}, the error counts the pages disallowed by robots.txt); it is checked again at the next
 * poll. Feed URLs themselves, which the user subscribed to, are fetched as a feed reader does, without robots.txt.
 * {@link FeedSource#ignoreRobots()} turns the check off for one feed's article pages.
 *
 * <p>The polling, fetching and extraction are plain Java ({@code internal} packages); this class is the thin
 * Kafka adapter around them: an idempotent producer ({@code acks=all}, zstd) and the archive reader, which
 * decodes only the content hash and fetch time of each archived record (the page bytes are skipped).
 */
public final class IngestService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private static final int MAX_THREADS = 4;
  private static final Duration ARCHIVE_LOAD_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration LOAD_RETRY = Duration.ofSeconds(10);
  private static final Duration MAX_FIRST_POLL_JITTER = Duration.ofSeconds(5);

  private final IngestSettings settings;
  private final Map<String, Object> clientProps;
  private final Clock clock;
  private final KafkaProducer<String, RawArticle> articleProducer;
  private final KafkaProducer<String, FeedStatus> statusProducer;
  private final KafkaProducer<byte[], byte[]> dlqProducer;
  private final SeenArticles seen = new SeenArticles();
  private final List<FeedState> states = new ArrayList<>();
  private final FeedPoller poller;
  private final ScheduledThreadPoolExecutor executor;
  private final Object loadLock = new Object();
  private boolean loaded;
  private boolean started;
  private volatile boolean closed;

  /**
   * @param settings what to poll and how to fetch
   * @param kafkaClientProps bootstrap.servers and any pass-through client properties (security etc.)
   */
  public IngestService(IngestSettings settings, Map<String, Object> kafkaClientProps) {
    this(settings, kafkaClientProps, Clock.systemUTC());
  }

  /**
   * @param settings what to poll and how to fetch
   * @param kafkaClientProps bootstrap.servers and any pass-through client properties (security etc.)
   * @param clock the time of polls, schedules, item ages and staleness (tests move it instead of waiting)
   */
  public IngestService(IngestSettings settings, Map<String, Object> kafkaClientProps, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.clientProps = Map.copyOf(Objects.requireNonNull(kafkaClientProps, "kafkaClientProps"));
    if (!clientProps.containsKey("bootstrap.servers")) {
      throw new IllegalArgumentException("kafkaClientProps must contain bootstrap.servers");
    }
    for (FeedSource feed : settings.feeds()) {
      states.add(new FeedState(feed));
    }
    HostPolicy policy = new HostPolicy(settings.feeds().stream().map(FeedSource::url).toList(),
        settings.allowedHosts());
    HttpFetcher fetcher = new HttpFetcher(policy, settings.userAgent(), settings.connectTimeout(),
        settings.readTimeout(), settings.perHostDelay(), settings.maxRedirects(), clock);
    this.articleProducer = producer(Topics.RAW_ARTICLES);
    this.statusProducer = producer(Topics.FEED_STATUS);
    this.dlqProducer = producer(Topics.DLQ);
    this.poller = new FeedPoller(settings, fetcher, policy, seen, new KafkaOutput(), clock);
    AtomicInteger threadNo = new AtomicInteger();
    this.executor = new ScheduledThreadPoolExecutor(Math.max(1, Math.min(MAX_THREADS, settings.feeds().size())),
        r -> {
          Thread t = new Thread(r, "wirewatch-ingest-" + threadNo.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    executor.setRemoveOnCancelPolicy(true);
  }

  /**
   * Polls every feed once (in parallel, bounded), fetches new and changed pages, produces, flushes, and returns
   * the counts. Feed failures are in the counts and in feed-status; they do not make this method fail.
   *
   * @throws IngestException when the archive cannot be read or the service is closed
   */
  public PollSummary pollAllOnce() {
    ensureOpen();
    loadArchive();
    List<Future<FeedOutcome>> futures = new ArrayList<>();
    for (FeedState state : states) {
      futures.add(executor.submit(() -> poller.poll(state)));
    }
    int failedFeeds = 0;
    int items = 0;
    int created = 0;
    int changed = 0;
    int failedArticles = 0;
    try {
      for (Future<FeedOutcome> f : futures) {
        FeedOutcome o = f.get();
        failedFeeds += o.ok() ? 0 : 1;
        items += o.itemsSeen();
        created += o.articlesNew();
        changed += o.articlesChanged();
        failedArticles += o.articlesFailed();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestException("interrupted while polling feeds", e);
    } catch (ExecutionException e) {
      throw new IngestException("polling failed: " + e.getCause(), e.getCause());
    }
    flush();
    return new PollSummary(states.size(), failedFeeds, items, created, changed, failedArticles);
  }

  /**
   * Polls in the background: each feed on its own adaptive interval (with jitter; see the class comment),
   * backing off exponentially (capped) after errors and honouring Retry-After. Returns at once; the archive is read first, in the background.
   */
  public void start() {
    ensureOpen();
    synchronized (loadLock) {
      if (started) {
        return;
      }
      started = true;
    }
    executor.execute(this::loadThenSchedule);
  }

  private void loadThenSchedule() {
    if (closed) {
      return;
    }
    try {
      loadArchive();
    } catch (RuntimeException e) {
      LOG.error("Cannot read topics {} and {} at start; retrying in {}", Topics.RAW_ARTICLES.name(),
          Topics.FEED_STATUS.name(), LOAD_RETRY, e);
      executor.schedule(this::loadThenSchedule, LOAD_RETRY.toMillis(), TimeUnit.MILLISECONDS);
      return;
    }
    for (FeedState state : states) {
      long cap = Math.min(MAX_FIRST_POLL_JITTER.toMillis(), state.source().interval().toMillis() / 10);
      long delay = cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
      executor.schedule(() -> pollAndReschedule(state), delay, TimeUnit.MILLISECONDS);
    }
  }

  private void pollAndReschedule(FeedState state) {
    if (closed) {
      return;
    }
    try {
      poller.poll(state);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure polling feed {}", state.source().url(), e);
    }
    if (closed) {
      return;
    }
    Instant next = state.nextPollAt() == null ? clock.instant().plus(state.source().interval()) : state.nextPollAt();
    long delay = Math.max(0, Duration.between(clock.instant(), next).toMillis());
    executor.schedule(() -> pollAndReschedule(state), delay, TimeUnit.MILLISECONDS);
  }

  /**
   * Backfill: fetches and archives the named article pages one after the other, whatever their age, with the
   * same fetcher, profiles, politeness, robots rules and dedupe as polling (an archived page with unchanged
   * content produces nothing), then flushes. Their hosts must be allowed by the settings (the command line names
   * them). A page that fails does not stop the others.
   *
   * @param profile the site profile of every page, or null to choose it by each URL's host
   * @throws IngestException when the archive cannot be read or the service is closed
   */
  public List<BackfillResult> backfill(List<java.net.URI> urls, String profile) {
    ensureOpen();
    loadArchive();
    List<BackfillResult> results = new ArrayList<>();
    try {
      for (java.net.URI url : urls) {
        results.add(poller.backfill(url, profile));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestException("interrupted while fetching pages", e);
    }
    flush();
    return results;
  }

  private void flush() {
    articleProducer.flush();
    statusProducer.flush();
    dlqProducer.flush();
  }

  /** Number of articles known from the archive and this process; for logs and tests. */
  public int knownArticles() {
    return seen.size();
  }

  /** Stops polling, waits briefly for polls in progress, flushes and closes the producers. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(settings.readTimeout().plus(settings.connectTimeout()).toMillis() + 1000,
          TimeUnit.MILLISECONDS)) {
        LOG.warn("Feed polls still running after close; abandoning them");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    articleProducer.close(Duration.ofSeconds(10));
    statusProducer.close(Duration.ofSeconds(10));
    dlqProducer.close(Duration.ofSeconds(10));
  }

  private void ensureOpen() {
    if (closed) {
      throw new IngestException("ingest service is closed");
    }
  }

  /**
   * Once, before the first poll: reads raw-articles from the beginning to its end offsets to learn archived ids
   * and hashes, then feed-status to its end to restore each configured feed's HTTP validators (latest record
   * per feed URL), so a restart neither produces anything twice nor fetches unchanged feeds in full.
   */
  private void loadArchive() {
    synchronized (loadLock) {
      if (loaded) {
        return;
      }
      long startMs = clock.millis();
      // Only the content hash and fetch time are decoded: the archived page bytes are skipped, not copied.
      int records = readToEnd(Topics.RAW_ARTICLES, new ArchivedDigest(), "archive", r -> {
        if (r.key() == null) {
          return;
        }
        if (r.value() == null) {
          seen.removed(r.key());
        } else {
          seen.archived(r.key(), r.value().contentHash(), r.value().fetchedAtMs());
        }
      });
      LOG.info("Read {} records from topic {} in {} ms: {} archived articles", records, Topics.RAW_ARTICLES.name(),
          clock.millis() - startMs, seen.size());
      restoreValidators();
      loaded = true;
    }
  }

  /** Seeds each configured feed's ETag / Last-Modified from its latest FeedStatus record. */
  private void restoreValidators() {
    long startMs = clock.millis();
    Map<String, FeedState> byUrl = new HashMap<>();
    for (FeedState state : states) {
      byUrl.put(state.source().url().toString(), state);
    }
    Deserializer<FeedStatus> values = Topics.FEED_STATUS.valueSerde().deserializer();
    Map<String, FeedStatus> latest = new HashMap<>();
    // Values are decoded here, not by the consumer, so that one undecodable record (e.g. from a newer release)
    // costs that feed one unconditional fetch instead of stopping the start.
    int records = readToEnd(Topics.FEED_STATUS, new ByteArrayDeserializer(), "status", r -> {
      if (r.key() == null || !byUrl.containsKey(r.key())) {
        return;
      }
      if (r.value() == null) {
        latest.remove(r.key());
        return;
      }
      try {
        latest.put(r.key(), values.deserialize(r.topic(), r.value()));
      } catch (SerializationException e) {
        LOG.warn("Skipping undecodable status of feed {} at {}-{}@{}: {}", r.key(), r.topic(), r.partition(),
            r.offset(), e.getMessage());
      }
    });
    for (Map.Entry<String, FeedStatus> e : latest.entrySet()) {
      byUrl.get(e.getKey()).restore(e.getValue());
    }
    LOG.info("Read {} records from topic {} in {} ms: last status restored for {} of {} feeds", records,
        Topics.FEED_STATUS.name(), clock.millis() - startMs, latest.size(), states.size());
  }

  /**
   * Reads a topic from the beginning to the end offsets it has now, without a consumer group, handing every
   * record to {@code sink}; returns the number of records. A topic that does not exist yet reads as empty.
   */
  private <V> int readToEnd(TopicSpec<String, ?> topic, Deserializer<V> values, String purpose,
      Consumer<ConsumerRecord<String, V>> sink) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "wirewatch-ingest-" + purpose + "-reader");
    props.remove(ConsumerConfig.GROUP_ID_CONFIG);
    long deadline = clock.millis() + ARCHIVE_LOAD_TIMEOUT.toMillis();
    int records = 0;
    try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), values)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30));
      if (infos == null || infos.isEmpty()) {
        LOG.warn("Topic {} does not exist yet; reading it as empty", topic.name());
        return 0;
      }
      List<TopicPartition> partitions = infos.stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      Set<TopicPartition> pending = new HashSet<>();
      for (TopicPartition tp : partitions) {
        if (end.getOrDefault(tp, 0L) > consumer.position(tp, Duration.ofSeconds(30))) {
          pending.add(tp);
        }
      }
      while (!pending.isEmpty()) {
        if (clock.millis() > deadline) {
          throw new IngestException("reading topic " + topic.name() + " to its end took longer than "
              + ARCHIVE_LOAD_TIMEOUT);
        }
        for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(500))) {
          records++;
          sink.accept(r);
        }
        pending.removeIf(tp -> consumer.position(tp) >= end.get(tp));
      }
    } catch (org.apache.kafka.common.KafkaException e) {
      throw new IngestException("cannot read topic " + topic.name() + ": " + e.getMessage(), e);
    }
    return records;
  }

  private <K, V> KafkaProducer<K, V> producer(TopicSpec<K, V> topic) {
    Map<String, Object> props = new HashMap<>(clientProps);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "wirewatch-ingest-" + topic.name());
    return new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer());
  }

  /** Produces the poller's results; a failed send is logged and the article is tried again at the next poll. */
  private final class KafkaOutput implements PollOutput {

    @Override
    public void article(String articleId, RawArticle article) {
      String topic = Topics.RAW_ARTICLES.name();
      String hash = article.getContentHash();
      articleProducer.send(new ProducerRecord<>(topic, articleId, article), (meta, e) -> {
        if (e != null) {
          LOG.error("Producing article {} ({}) to topic {} failed; it will be fetched again", articleId,
              article.getUrl(), topic, e);
          seen.produceFailed(articleId, hash);
        } else {
          LOG.debug("Produced article {} to {}-{}@{}", articleId, meta.topic(), meta.partition(), meta.offset());
        }
      });
    }

    @Override
    public void deadLetter(String articleId, RawArticle withoutBody, String reason) {
      String topic = Topics.DLQ.name();
      byte[] value = Topics.RAW_ARTICLES.valueSerde().serializer().serialize(Topics.RAW_ARTICLES.name(), withoutBody);
      ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic,
          articleId.getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
      record.headers()
          .add(DlqHeaders.EXCEPTION, RecordTooLargeException.class.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .add(DlqHeaders.MESSAGE, reason.getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .add(DlqHeaders.TOPIC, Topics.RAW_ARTICLES.name().getBytes(java.nio.charset.StandardCharsets.UTF_8))
          .add(DlqHeaders.STAGE, "ingest".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      LOG.error("Article {} ({}) sent to topic {}: {}", articleId, withoutBody.getUrl(), topic, reason);
      dlqProducer.send(record, (meta, e) -> {
        if (e != null) {
          LOG.error("Producing article {} to topic {} failed", articleId, topic, e);
        }
      });
    }

    @Override
    public void status(String feedUrl, FeedStatus status) {
      String topic = Topics.FEED_STATUS.name();
      statusProducer.send(new ProducerRecord<>(topic, feedUrl, status), (meta, e) -> {
        if (e != null) {
          LOG.error("Producing status of feed {} to topic {} failed", feedUrl, topic, e);
        }
      });
    }
  }
}
