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

/** Runs one topology until it has consumed all of raw-articles, and returns the wall time taken. */
final class StreamsRun {

  private StreamsRun() {
  }

  static double secondsToConsumeArchive(Topology topology, Properties props, Map<String, Object> clientProps) throws InterruptedException {
    String applicationId = props.getProperty("application.id");
    CountDownLatch running = new CountDownLatch(1);
    long t0 = System.nanoTime();
    try (KafkaStreams streams = new KafkaStreams(topology, props)) {
      streams.setStateListener((now, before) -> {
        if (now == KafkaStreams.State.RUNNING) {
          running.countDown();
        }
      });
      streams.start();
      if (!running.await(2, TimeUnit.MINUTES)) {
        throw new IllegalStateException(applicationId + " did not start");
      }
      GroupProgress.awaitCaughtUp(clientProps, applicationId, topic -> topic.equals(Topics.RAW_ARTICLES.name())
          || (topic.startsWith(applicationId + "-") && topic.endsWith("-repartition")), Duration.ofHours(1));
      return (System.nanoTime() - t0) / 1e9;
    }
  }
}
