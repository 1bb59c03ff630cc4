package dev.wirewatch.bench;

import dev.wirewatch.broker.GroupProgress;
import dev.wirewatch.schema.topic.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/** Runs one topology until it has consumed all of raw-articles, and returns the wall times taken. */
final class StreamsRun {

  /**
   * Seconds from {@code start()} to caught up, and from the moment the application is RUNNING (its internal topics
   * created, its tasks assigned and their stores open) to caught up: the second is the processing alone.
   */
  record Seconds(double fromStart, double fromRunning) {
  }

  private StreamsRun() {
  }

  static Seconds secondsToConsumeArchive(Topology topology, Properties props, Map<String, Object> clientProps) throws InterruptedException {
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
      GroupProgress.awaitCaughtUp(clientProps, applicationId, topic -> topic.equals(Topics.RAW_ARTICLES.name())
          || (topic.startsWith(applicationId + "-") && topic.endsWith("-repartition")), Duration.ofHours(1));
      long end = System.nanoTime();
      return new Seconds((end - t0) / 1e9, (end - runningAt[0]) / 1e9);
    }
  }
}
