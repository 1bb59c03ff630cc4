package dev.wirewatch.app;

import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.broker.EmbeddedKafka;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Kafka for a command that only reads topics: the configured cluster; or, on the embedded default, the
 * broker a running {@code wirewatch run} has on the same data directory; or else the embedded broker
 * started just for this command (and stopped by {@link #close()}).
 */
public final class KafkaAccess implements AutoCloseable {

  private final Map<String, Object> clientProperties;
  private final EmbeddedKafka startedHere;

  private KafkaAccess(Map<String, Object> clientProperties, EmbeddedKafka startedHere) {
    this.clientProperties = Map.copyOf(clientProperties);
    this.startedHere = startedHere;
  }

  public static KafkaAccess open(WirewatchConfig config) {
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    if (!config.embeddedKafka()) {
      return new KafkaAccess(props, null);
    }
    Optional<String> running = EmbeddedKafka.runningElsewhere(config.dataDir());
    if (running.isPresent()) {
      props.put("bootstrap.servers", running.get());
      return new KafkaAccess(props, null);
    }
    EmbeddedKafka kafka = EmbeddedKafka.start(config.dataDir());
    props.putAll(kafka.clientProperties());
    return new KafkaAccess(props, kafka);
  }

  public Map<String, Object> clientProperties() {
    return clientProperties;
  }

  @Override
  public void close() {
    if (startedHere != null) {
      startedHere.close();
    }
  }
}
