package dev.wirewatch.app.ops;

import dev.wirewatch.app.http.HttpEndpoint;
import dev.wirewatch.app.http.Reply;
import dev.wirewatch.schema.topic.Topics;
import dev.wirewatch.sink.EventSink;
import dev.wirewatch.sink.SinkHealth;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations side of one wirewatch process: {@code /metrics} and {@code /health/live|ready} on the process's
 * {@link HttpEndpoint}, fed by the stages this process runs. The endpoint starts first, so that an orchestrator
 * sees "not ready" (503) while Kafka, the classifier and the database come up; each stage is added when it is.
 *
 * <p>Readiness: the broker answers; and, for the stages run here, the classify application is RUNNING, the sink
 * has reached the database and migrated its schema (state RUNNING), and every configured feed has been polled
 * once. Liveness: nothing has stopped for good (the classify application is not in ERROR, the sink not FAILED);
 * a restart is what a failing liveness check asks for. These are the same facts {@code health.json} carries.
 */
public final class Operations implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Operations.class);
  private static final long LAG_EVERY_SECONDS = 5;

  private final PipelineMetrics metrics = new PipelineMetrics(Clock.systemUTC());
  private final HealthChecks live;
  private final HealthChecks ready;
  private final HttpEndpoint endpoint;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "wirewatch-ops");
    t.setDaemon(true);
    return t;
  });
  private final List<AutoCloseable> bound = new ArrayList<>();
  private final AtomicReference<KafkaProbe> kafka = new AtomicReference<>();
  private final AtomicReference<KafkaStreams> streams = new AtomicReference<>();
  private final AtomicReference<EventSink> sink = new AtomicReference<>();
  private final Set<String> stages;

  /**
   * Starts the endpoint (unless {@code port} is 0) with every check of {@code stages} down until its stage is up.
   *
   * @param stages the stages this process runs: ingest, classify, sink
   * @param feedUrls the feeds ingest polls here
   */
  public Operations(String host, int port, Set<String> stages, List<String> feedUrls, Redactor redactor) {
    this.stages = Set.copyOf(stages);
    live = new HealthChecks(redactor).add("process", () -> Check.up("process", "responding"));
    ready = new HealthChecks(redactor).add("broker", this::brokerCheck);
    if (stages.contains("classify")) {
      live.add("classify", () -> classifyCheck(false));
      ready.add("classify", () -> classifyCheck(true));
    }
    if (stages.contains("sink")) {
      live.add("sink", () -> sinkCheck(false));
      ready.add("database", () -> sinkCheck(true));
    }
    if (stages.contains("ingest")) {
      ready.add("feeds", () -> feedsCheck(feedUrls));
    }
    bound.add(metrics.bindGc());
    if (port == 0) {
      endpoint = null;
      return;
    }
    endpoint = new HttpEndpoint(host, port)
        .get("/metrics", request -> Reply.of(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()))
        .get("/health/live", request -> live.reply())
        .get("/health/ready", request -> ready.reply());
    try {
      endpoint.start();
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  public PipelineMetrics metrics() {
    return metrics;
  }

  /** The endpoint, to which other parts add routes; null when {@code http.port} is 0. */
  public HttpEndpoint endpoint() {
    return endpoint;
  }

  /** Kafka is reachable with these client properties: the broker check, lag and the admin client's metrics start. */
  public void kafkaReady(Map<String, Object> clientProps, String classifyApplicationId, String sinkGroup) {
    KafkaProbe probe = new KafkaProbe(clientProps);
    kafka.set(probe);
    KafkaClientMetrics adminMetrics = new KafkaClientMetrics(probe.admin());
    adminMetrics.bindTo(metrics.registry());
    bound.add(adminMetrics);
    LagReader lag = new LagReader(probe, classifyApplicationId, sinkGroup);
    if (stages.contains("classify")) {
      metrics.consumerLag("classify", lag::classify);
    }
    if (stages.contains("sink")) {
      metrics.consumerLag("sink", lag::sink);
    }
    scheduler.scheduleWithFixedDelay(lag::refresh, 0, LAG_EVERY_SECONDS, TimeUnit.SECONDS);
  }

  /** The classify application has been created (and started): its state and its clients' metrics are observed. */
  public void classifyStarted(KafkaStreams application) {
    streams.set(application);
    KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(application);
    streamsMetrics.bindTo(metrics.registry());
    bound.add(streamsMetrics);
  }

  /** The sink has been started. */
  public void sinkStarted(EventSink started) {
    sink.set(started);
    metrics.observeSink(started::health);
  }

  private Check brokerCheck() {
    KafkaProbe probe = kafka.get();
    return probe == null ? Check.down("broker", "starting") : probe.broker();
  }

  private Check classifyCheck(boolean forReadiness) {
    KafkaStreams app = streams.get();
    if (app == null) {
      return forReadiness ? Check.down("classify", "starting") : Check.up("classify", "starting");
    }
    KafkaStreams.State state = app.state();
    boolean up = forReadiness ? state == KafkaStreams.State.RUNNING
        : state != KafkaStreams.State.ERROR && state != KafkaStreams.State.PENDING_ERROR;
    return new Check("classify", up, "Kafka Streams application " + state);
  }

  private Check sinkCheck(boolean forReadiness) {
    EventSink running = sink.get();
    String name = forReadiness ? "database" : "sink";
    if (running == null) {
      return forReadiness ? Check.down(name, "starting") : Check.up(name, "starting");
    }
    SinkHealth health = running.health();
    String detail = "sink " + health.state() + (health.lastError() == null || health.state() == SinkHealth.State.RUNNING
        ? "" : ": " + health.lastError());
    boolean up = forReadiness ? health.state() == SinkHealth.State.RUNNING : health.state() != SinkHealth.State.FAILED;
    return new Check(name, up, detail);
  }

  private Check feedsCheck(List<String> feedUrls) {
    Set<String> waiting = new TreeSet<>(feedUrls);
    waiting.removeAll(metrics.feedsPolled());
    if (waiting.isEmpty()) {
      return Check.up("feeds", "all " + feedUrls.size() + " feeds polled at least once");
    }
    return Check.down("feeds", waiting.size() + " of " + feedUrls.size() + " feeds not polled yet");
  }

  @Override
  public void close() {
    if (endpoint != null) {
      endpoint.close();
    }
    scheduler.shutdownNow();
    for (AutoCloseable c : bound) {
      try {
        c.close();
      } catch (Exception e) {
        log.debug("Closing a metrics binder failed: {}", e.getMessage());
      }
    }
    KafkaProbe probe = kafka.getAndSet(null);
    if (probe != null) {
      probe.close();
    }
  }

  /** Lag of the classify application on raw-articles and of the sink on dialogue-events, refreshed in the background. */
  private final class LagReader {

    private final KafkaProbe probe;
    private final String applicationId;
    private final String sinkGroup;
    private volatile Long classify;
    private volatile Long sinkLag;

    LagReader(KafkaProbe probe, String applicationId, String sinkGroup) {
      this.probe = probe;
      this.applicationId = applicationId;
      this.sinkGroup = sinkGroup;
    }

    Long classify() {
      return classify;
    }

    Long sink() {
      return sinkLag;
    }

    void refresh() {
      try {
        if (streams.get() != null) {
          classify = KafkaProbe.lag(probe.endOffsets(Topics.RAW_ARTICLES.name()), probe.committed(applicationId));
        }
        if (sink.get() != null) {
          // The sink keeps its position in the database: what it reported storing last is that position; before its
          // first batch here, the copy it commits to Kafka after each batch stands in.
          Map<TopicPartition, Long> stored = new HashMap<>(probe.committed(sinkGroup));
          stored.putAll(metrics.storedOffsets());
          sinkLag = KafkaProbe.lag(probe.endOffsets(Topics.DIALOGUE_EVENTS.name()), stored);
        }
      } catch (Exception e) {
        log.debug("Cannot read consumer lag: {}", e.toString());
      }
    }
  }
}
