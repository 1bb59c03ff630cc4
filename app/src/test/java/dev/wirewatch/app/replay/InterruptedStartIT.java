package dev.wirewatch.app.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wirewatch.app.config.WirewatchConfig;
import dev.wirewatch.broker.EmbeddedKafka;
import dev.wirewatch.broker.TopicProvisioner;
import dev.wirewatch.broker.TopicSnapshot;
import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.classify.DialogueClassifier;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.topic.TopicSpec;
import dev.wirewatch.schema.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wirewatch replay} and {@code run} (classify and sink) in child JVMs, killed again and again at random
 * moments around start-up and the first commits (mostly {@code kill -9}, some SIGTERM), against one broker
 * that outlives them. A new archived article arrives before every start, so every child has transactions of
 * its own to leave open. Every start that is let run reaches RUNNING, and the end state is exactly the
 * answer of one uninterrupted run: the latest record per key of {@code dialogue-events} and the database equal
 * the classifier's offline answer over the archive, nothing lost, nothing written twice.
 *
 * <p>{@code -Dwirewatch.kills=N} changes the number of children: 16 in every build, to keep {@code mvn verify}
 * within its time budget; CI runs it again with 50 (see {@code .ci/run} and the README).
 */
class InterruptedStartIT {

  private static final int CHILDREN = Integer.getInteger("wirewatch.kills", 16);
  private static final Duration LIMIT = Duration.ofMinutes(2);
  private static final String RUNNING = "-> RUNNING";
  private static final String ABORTED = "Aborted hanging transaction";
  /** Kills after RUNNING fall within this window: the first transactions and commits. */
  private static final long AFTER_RUNNING_MILLIS = 1_500;

  @TempDir
  Path dir;

  /** When a child was stopped, and how. */
  private enum Moment { STARTING, RUNNING, FINISHED }

  @Test
  void killedAtRandomAroundStartUpAndCommitEveryRestartReachesRunningAndTheAnswerConverges() throws Exception {
    Random random = new Random(Long.getLong("wirewatch.kills.seed", 20_261_201L));
    Instant began = Instant.now();
    try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("broker"))) {
      Map<String, Object> props = kafka.clientProperties();
      TopicProvisioner.ensureTopics(props, 2, (short) -1);
      ArchiveFixtures.produce(props, ArchiveFixtures.archive(10, 16, 11));
      Path config = Files.writeString(dir.resolve("wirewatch.yaml"), "feeds: []\n"
          + "kafka:\n  bootstrap.servers: \"" + kafka.bootstrapServers() + "\"\n"
          // A killed member holds its tasks until its session expires: the broker's minimum keeps restarts quick.
          + "  consumer.session.timeout.ms: 6000\n"
          + "data.dir: " + dir.resolve("data") + "\n"
          + "sink:\n  batch.linger: 50ms\n");

      // Given children killed at random moments, each after one more article was archived
      Map<Moment, AtomicInteger> stopped = new HashMap<>();
      Arrays.stream(Moment.values()).forEach(m -> stopped.put(m, new AtomicInteger()));
      int sigterms = 0;
      long startUpMillis = 8_000; // refined by every start seen to reach RUNNING
      for (int n = 0; n < CHILDREN; n++) {
        int i = n;
        ArchiveFixtures.produce(props, List.of(ArchiveFixtures.liveReport(i)));
        Path log = dir.resolve("child-" + i + ".log");
        String command = i % 4 == 0 ? "replay" : "run";
        Instant launched = Instant.now();
        Process child = WirewatchProcess.start(log, WirewatchProcess.QUICK_START,
            List.of(command, "--once", "--stage", "classify,sink", "--config", config.toString()));
        boolean duringStartUp = random.nextBoolean();
        if (duringStartUp) {
          child.waitFor(random.nextLong(startUpMillis), TimeUnit.MILLISECONDS);
        } else {
          // Then every start let run reaches RUNNING, whatever the kills before it left behind
          assertTrue(awaitRunning(child, log), () -> command + " #" + i + " did not reach RUNNING: " + tail(log));
          startUpMillis = (startUpMillis + Duration.between(launched, Instant.now()).toMillis()) / 2;
          child.waitFor(random.nextLong(AFTER_RUNNING_MILLIS), TimeUnit.MILLISECONDS);
        }
        Moment moment = !child.isAlive() ? Moment.FINISHED : contains(log, RUNNING) ? Moment.RUNNING : Moment.STARTING;
        stopped.get(moment).incrementAndGet();
        if (moment != Moment.FINISHED && i % 5 == 4) {
          sigterms++;
          child.destroy(); // SIGTERM, as Ctrl-C: the stop handler closes the clients started so far
          assertTrue(child.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), () -> "stopped by SIGTERM: " + tail(log));
        } else {
          child.destroyForcibly().waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertFalse(moment == Moment.FINISHED && child.exitValue() != 0, () -> "child finished with an error: " + tail(log));
      }

      // When one last replay runs to the end
      Path lastLog = dir.resolve("last.log");
      Process last = WirewatchProcess.start(lastLog, WirewatchProcess.QUICK_START,
          List.of("replay", "--once", "--stage", "classify,sink", "--config", config.toString()));
      assertTrue(last.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS), () -> "last replay finished: " + tail(lastLog));
      assertEquals(0, last.exitValue(), () -> tail(lastLog));
      assertTrue(contains(lastLog, RUNNING));

      // Then topics and database hold the answer of one uninterrupted run, nothing lost, nothing twice
      Replay.Plan expected = Replay.plan(props, ArchiveClassifier.of(DialogueClassifier.standard()), LIMIT);
      Map<String, DialogueEvent> events = TopicSnapshot.latestPerKey(Topics.DIALOGUE_EVENTS, props, LIMIT);
      long lost = expected.events().keySet().stream().filter(id -> !events.containsKey(id)).count();
      long duplicated = repeatedRecords(Topics.DIALOGUE_EVENTS.name(), props) + repeatedRecords(Topics.DIALOGUE_MENTIONS.name(), props);
      WirewatchConfig wirewatch = WirewatchConfig.load(config, Map.of(), Map.of(), null);
      int hanging = 0;
      for (int i = 0; i < CHILDREN; i++) {
        hanging += count(dir.resolve("child-" + i + ".log"), ABORTED);
      }
      hanging += count(lastLog, ABORTED);
      System.out.printf("Interrupted starts: %d children (%d replay, %d run), %d kill -9 and %d SIGTERM; stopped while starting %d,"
              + " after RUNNING %d, finished first %d; hanging transactions found and aborted %d; lost %d, duplicated %d;"
              + " %d events; %.0f s%n",
          CHILDREN, (CHILDREN + 3) / 4, CHILDREN - (CHILDREN + 3) / 4, CHILDREN - stopped.get(Moment.FINISHED).get() - sigterms, sigterms,
          stopped.get(Moment.STARTING).get(), stopped.get(Moment.RUNNING).get(), stopped.get(Moment.FINISHED).get(), hanging,
          lost, duplicated, events.size(), Duration.between(began, Instant.now()).toMillis() / 1e3);
      assertTrue(expected.report().isEmpty(), expected.report().summaryLine());
      assertFalse(events.isEmpty());
      assertEquals(0, lost);
      assertEquals(StoredEvents.json(expected.events()), StoredEvents.json(events));
      assertEquals(StoredEvents.json(expected.events()), StoredEvents.stored(wirewatch));
      assertEquals(expected.mentions(), TopicSnapshot.latestPerKey(Topics.DIALOGUE_MENTIONS, props, LIMIT));
      assertEquals(0, duplicated, "a record that repeats the previous record of its key");
    }
  }

  /** Polls the child's log until it reports RUNNING; false when it ends or takes too long first. */
  private static boolean awaitRunning(Process child, Path log) throws InterruptedException, IOException {
    Instant deadline = Instant.now().plus(LIMIT);
    while (!contains(log, RUNNING)) {
      if (!child.isAlive() || Instant.now().isAfter(deadline)) {
        return false;
      }
      child.waitFor(50, TimeUnit.MILLISECONDS);
    }
    return true;
  }

  /** Records (read_committed) whose value repeats the previous record of the same key: a write made twice. */
  private static long repeatedRecords(String topic, Map<String, Object> props) {
    Map<String, byte[]> previous = new HashMap<>();
    AtomicInteger repeated = new AtomicInteger();
    TopicSnapshot.scan(new TopicSpec<>(topic, Serdes.String(), Serdes.ByteArray(), Map.of()), props, LIMIT, (key, value) -> {
      if (previous.containsKey(key) && Arrays.equals(previous.get(key), value)) {
        repeated.incrementAndGet();
      }
      previous.put(key, value);
    });
    return repeated.get();
  }

  private static boolean contains(Path log, String text) throws IOException {
    return Files.exists(log) && Files.readString(log).contains(text);
  }

  private static int count(Path log, String text) throws IOException {
    return Files.exists(log) ? (int) Files.readString(log).lines().filter(l -> l.contains(text)).count() : 0;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
