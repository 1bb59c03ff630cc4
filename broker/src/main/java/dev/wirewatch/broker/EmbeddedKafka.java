package dev.wirewatch.broker;

import dev.wirewatch.schema.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster (KRaft, combined broker and controller) inside this JVM, built from the
 * Apache Kafka server artifacts. Its logs live under {@code <dataDir>/kafka}; the first start formats that
 * directory, later starts reuse it (same topics, same records, same consumer offsets). It listens on
 * 127.0.0.1 only, on the ports of the previous start when they are still free.
 *
 * <p>This is the embedded default of the {@code wirewatch} command and the broker of the integration
 * tests; nothing about it is mocked.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final String PORTS_FILE = "ports.properties";

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path logDir;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path logDir) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.logDir = logDir;
  }

  /**
   * Starts the broker with its data under {@code dataDir/kafka} and returns once it answers requests.
   *
   * @throws EmbeddedKafkaException when the directory is in use by another process or the broker does not start
   */
  public static EmbeddedKafka start(Path dataDir) {
    return start(dataDir, 0);
  }

  /**
   * As {@link #start(Path)}, with the client listener on {@code brokerPort} (0: the previous start's port when
   * free, else any free one). The standalone {@code wirewatch broker} command lets the user choose it.
   *
   * @throws EmbeddedKafkaException when {@code brokerPort} is taken
   */
  public static EmbeddedKafka start(Path dataDir, int brokerPort) {
    Objects.requireNonNull(dataDir, "dataDir");
    if (brokerPort < 0 || brokerPort > 65535) {
      throw new IllegalArgumentException("brokerPort must be between 0 and 65535, was " + brokerPort);
    }
    if (brokerPort > 0 && !Ports.isFree(brokerPort)) {
      throw new EmbeddedKafkaException("port " + brokerPort + " on 127.0.0.1 is already in use", null);
    }
    Path kafkaDir = dataDir.toAbsolutePath().resolve("kafka");
    Path logDir = kafkaDir.resolve("logs");
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new EmbeddedKafkaException("cannot create Kafka data directory " + logDir + ": " + e.getMessage(), e);
    }
    Ports ports = Ports.reuseOrPick(kafkaDir.resolve(PORTS_FILE), brokerPort);
    Properties props = serverProperties(logDir, ports);
    KafkaConfig config = new KafkaConfig(props, false);
    format(config, logDir);

    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      server.startup();
    } catch (RuntimeException e) {
      shutdownQuietly(server, e);
      throw new EmbeddedKafkaException("embedded Kafka broker did not start in " + logDir + ": " + e.getMessage(), e);
    }
    String bootstrap = "127.0.0.1:" + ports.broker();
    EmbeddedKafka kafka = new EmbeddedKafka(server, bootstrap, logDir);
    try {
      kafka.awaitReady();
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    log.info("Embedded Kafka broker ready at {} with data in {}", bootstrap, logDir);
    return kafka;
  }

  /**
   * The address of an embedded broker that another process is running on {@code dataDir} right now, if
   * any: commands such as {@code wirewatch feeds} then read from it instead of starting a second broker.
   */
  public static java.util.Optional<String> runningElsewhere(Path dataDir) {
    Path file = dataDir.toAbsolutePath().resolve("kafka").resolve(PORTS_FILE);
    if (!Files.isRegularFile(file)) {
      return java.util.Optional.empty();
    }
    Properties saved = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      saved.load(in);
      int port = Integer.parseInt(saved.getProperty("broker", "").trim());
      return Ports.isFree(port) ? java.util.Optional.empty() : java.util.Optional.of("127.0.0.1:" + port);
    } catch (IOException | NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  /** The {@code bootstrap.servers} value for clients of this broker. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Client properties that reach this broker: just {@code bootstrap.servers}. */
  public Map<String, Object> clientProperties() {
    return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
  }

  @Override
  public void close() {
    log.info("Stopping embedded Kafka broker at {}", bootstrapServers);
    server.shutdown();
    server.awaitShutdown();
  }

  private static Properties serverProperties(Path logDir, Ports ports) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + ports.controller());
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + ports.broker() + ",CONTROLLER://127.0.0.1:" + ports.controller());
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + ports.broker());
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    // One node: every internal topic has one replica.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // Topics are created explicitly with their cleanup policies; a typo must not create a new one.
    p.put("auto.create.topics.enable", "false");
    p.put("message.max.bytes", Integer.toString(Topics.MAX_MESSAGE_BYTES + 64 * 1024));
    p.put("replica.fetch.max.bytes", Integer.toString(Topics.MAX_MESSAGE_BYTES + 64 * 1024));
    // Compaction should be visible within minutes on a small embedded archive.
    p.put("log.cleaner.min.cleanable.ratio", "0.1");
    p.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
    return p;
  }

  private static void format(KafkaConfig config, Path logDir) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return; // formatted by an earlier start: keep its cluster id and data
    }
    try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
      new Formatter()
          .setPrintStream(quiet)
          .setNodeId(config.nodeId())
          .setClusterId(Uuid.randomUuid().toString())
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(logDir.toString())
          .setDirectories(List.of(logDir.toString()))
          .setReleaseVersion(MetadataVersion.latestProduction())
          .run();
    } catch (Exception e) {
      throw new EmbeddedKafkaException("cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
    }
  }

  private void awaitReady() {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
      Exception last = null;
      while (Instant.now().isBefore(deadline)) {
        try {
          if (!admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          last = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new EmbeddedKafkaException("interrupted while waiting for the embedded broker", e);
        }
      }
      throw new EmbeddedKafkaException("embedded Kafka broker at " + bootstrapServers + " not ready after "
          + READY_TIMEOUT.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()), last);
    }
  }

  private static void shutdownQuietly(KafkaRaftServer server, RuntimeException cause) {
    try {
      server.shutdown();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  /** Broker and controller ports, kept in the data directory so a restart listens where it did before. */
  record Ports(int broker, int controller) {

    static Ports reuseOrPick(Path file, int brokerPort) {
      Properties saved = new Properties();
      if (Files.isRegularFile(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          saved.load(in);
        } catch (IOException e) {
          log.warn("Ignoring unreadable {}: {}", file, e.getMessage());
        }
      }
      Ports ports = new Ports(
          brokerPort > 0 ? brokerPort : freeOr(saved.getProperty("broker")),
          freeOr(saved.getProperty("controller")));
      if (ports.broker() == ports.controller()) {
        ports = new Ports(ports.broker(), freePort());
      }
      saved.setProperty("broker", Integer.toString(ports.broker()));
      saved.setProperty("controller", Integer.toString(ports.controller()));
      try (OutputStream out = Files.newOutputStream(file)) {
        saved.store(out, "ports of the embedded Kafka broker's last start");
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
      return ports;
    }

    private static int freeOr(String previous) {
      if (previous != null) {
        try {
          int port = Integer.parseInt(previous.trim());
          if (isFree(port)) {
            return port;
          }
        } catch (NumberFormatException e) {
          log.debug("Ignoring saved port {}", previous);
        }
      }
      return freePort();
    }

    private static boolean isFree(int port) {
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        socket.setReuseAddress(true);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    private static int freePort() {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("no free local port for the embedded broker", e);
      }
    }
  }
}
