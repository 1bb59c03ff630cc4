package dev.wirewatch.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a consumer group (e.g. a Streams application) has consumed its input: for every partition of the
 * selected topics, the group's committed offset has reached the partition's read-committed end.
 */
public final class GroupProgress {

  private static final Duration POLL_EVERY = Duration.ofMillis(100);

  private GroupProgress() {
  }

  /**
   * Waits until {@code groupId} has caught up with every topic that {@code inputs} accepts.
   *
   * @throws IllegalStateException when it has not by {@code timeout}
   */
  public static void awaitCaughtUp(Map<String, Object> clientProps, String groupId, Predicate<String> inputs, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    try (Admin admin = Admin.create(clientProps)) {
      while (!caughtUp(admin, groupId, inputs)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(groupId + " has not caught up with its input within " + timeout.toSeconds() + " s");
        }
        TimeUnit.MILLISECONDS.sleep(POLL_EVERY.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + groupId, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the progress of " + groupId + ": " + e.getMessage(), e);
    }
  }

  private static boolean caughtUp(Admin admin, String groupId, Predicate<String> inputs)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().filter(inputs).collect(Collectors.toSet());
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, description) ->
        description.partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    for (Map.Entry<TopicPartition, org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo> end
        : admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(30, TimeUnit.SECONDS).entrySet()) {
      long endOffset = end.getValue().offset();
      OffsetAndMetadata position = committed.get(end.getKey());
      if (endOffset > 0 && (position == null || position.offset() < endOffset)) {
        return false;
      }
    }
    return true;
  }
}
