package dev.wirewatch.bench;

import dev.wirewatch.broker.GroupProgress;
import dev.wirewatch.classify.streams.ClassifyService;
import dev.wirewatch.schema.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/** Runs one topology until it has consumed all of raw-articles, and returns how long that took and how fast it went. */
final class StreamsRun {

  /**
   * Seconds from {@code start()} to caught up, from the moment the application is RUNNING to caught up, and the
   * steady-state rate: raw-articles records committed per second between 20% and 80% of the archive, which leaves
   * out start-up, the first commits and the tail (the last commit intervals and, for the classifier, the round trip
   * through its repartition topic).
   */
  record Seconds(double fromStart, double fromRunning, double steadyRecordsPerSecond) {
  }

  private static final long SAMPLE_EVERY_MS = 50;

  private StreamsRun() {
  }

  static Seconds secondsToConsumeArchive(Topology topology, Properties props, Map<String, Object> clientProps) throws InterruptedException {
    return secondsToConsumeArchive(topology, props, clientProps, 0);
  }

  /** As above; {@code archiveSize} (when positive) is the number of raw-articles records, for the steady-state rate. */
  static Seconds secondsToConsumeArchive(Topology topology, Properties props, Map<String, Object> clientProps, long archiveSize)
      throws InterruptedException {
    String applicationId = props.getProperty("application.id");
    CountDownLatch running = new CountDownLatch(1);
    long[] runningAt = new long[1];
    long t0 = System.nanoTime();
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      streams.setStateListener((now, before) -> {
        if (now == KafkaStreams.State.RUNNING && running.getCount() > 0) {
          runningAt[0] = System.nanoTime();
          running.countDown();
        }
      });
      streams.start();
      if (!running.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException(applicationId + " did not start");
      }
      double rate = archiveSize > 0 ? steadyRate(clientProps, applicationId, archiveSize) : Double.NaN;
      GroupProgress.awaitCaughtUp(clientProps, applicationId, ClassifyService.inputTopics(applicationId), Duration.ofHours(1));
      long end = System.nanoTime();
      return new Seconds((end - t0) / 1e9, (end - runningAt[0]) / 1e9, rate);
    }
  }

  /** Samples the group's committed raw-articles offsets until 80% is committed; the rate from 20% to 80%. */
  private static double steadyRate(Map<String, Object> clientProps, String groupId, long archiveSize) throws InterruptedException {
    List<long[]> samples = new ArrayList<>();
    try (Admin admin = Admin.create(clientProps)) {
      while (true) {
        long committed = 0;
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata()
            .get(30, TimeUnit.SECONDS);
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
          if (e.getKey().topic().equals(Topics.RAW_ARTICLES.name()) && e.getValue() != null) {
            committed += e.getValue().offset();
          }
        }
        samples.add(new long[] {System.nanoTime(), committed});
        if (committed >= archiveSize * 8 / 10) {
          break;
        }
        TimeUnit.MILLISECONDS.sleep(SAMPLE_EVERY_MS);
      }
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot read the progress of " + groupId + ": " + e.getMessage(), e);
    }
    long[] first = samples.stream().filter(s -> s[1] >= archiveSize * 2 / 10).findFirst().orElseThrow();
    long[] last = samples.get(samples.size() - 1);
    return last[0] == first[0] ? Double.NaN : (last[1] - first[1]) / ((last[0] - first[0]) / 1e9);
  }
}
