package dev.wirewatch.broker;

import dev.wirewatch.schema.topic.TopicSpec;
import dev.wirewatch.schema.topic.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the pipeline's topics (DESIGN.md) with their cleanup policies when they do not exist yet, on
 * the embedded broker or an external cluster alike. Existing topics are left as they are; a cleanup
 * policy that differs from the design is reported, since a compacted archive that deletes is data loss.
 */
public final class TopicProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);
  private static final long TIMEOUT_SECONDS = 60;

  private TopicProvisioner() {
  }

  /**
   * Ensures every topic of {@link Topics#ALL} exists.
   *
   * @param clientProps Kafka client properties (bootstrap.servers, security settings)
   * @param partitions partitions of a newly created topic
   * @param replicationFactor replicas of a newly created topic, or -1 for the broker's default
   */
  public static void ensureTopics(Map<String, Object> clientProps, int partitions, short replicationFactor) {
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
    }
    Map<String, Object> adminProps = new HashMap<>(clientProps);
    adminProps.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
    try (Admin admin = Admin.create(adminProps)) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (TopicSpec<?, ?> topic : Topics.ALL) {
        if (existing.contains(topic.name())) {
          continue;
        }
        Optional<Short> replicas = replicationFactor < 1 ? Optional.empty() : Optional.of(replicationFactor);
        missing.add(new NewTopic(topic.name(), Optional.of(partitions), replicas).configs(topic.configs()));
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        missing.forEach(t -> log.info("Created topic {} with {} partitions, {}", t.name(), partitions, t.configs()));
      }
      // Only topics that existed before: ones just created have the wanted policies, and describing them at once
      // can fail with UnknownTopicOrPartition until their metadata has reached the broker answering.
      warnOnPolicyDrift(admin, existing);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("cannot create topics: " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot create topics: Kafka did not answer within " + TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }

  private static void warnOnPolicyDrift(Admin admin, Set<String> existing)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<ConfigResource> resources = Topics.ALL.stream()
        .filter(t -> existing.contains(t.name()))
        .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name()))
        .toList();
    if (resources.isEmpty()) {
      return;
    }
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    for (TopicSpec<?, ?> topic : Topics.ALL) {
      if (!existing.contains(topic.name())) {
        continue;
      }
      Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
      String wanted = topic.configs().get("cleanup.policy");
      String actual = config == null || config.get("cleanup.policy") == null ? null : config.get("cleanup.policy").value();
      if (wanted != null && !wanted.equals(actual)) {
        log.warn("Topic {} has cleanup.policy={} but wirewatch expects {}; change it with kafka-configs", topic.name(), actual, wanted);
      }
    }
  }
}
