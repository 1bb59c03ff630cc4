package dev.wirewatch.app.demo;

import dev.wirewatch.schema.CoChair;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.topic.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints each record of {@code dialogue-events} (key eventId, value DialogueEvent or tombstone) as it lands,
 * one line per event, for the demo. Reads committed records only, as any downstream consumer should.
 */
public final class EventPrinter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventPrinter.class);

  private final KafkaConsumer<String, DialogueEvent> consumer;
  private final PrintWriter out;
  private final Thread thread;
  private final Set<String> live = new HashSet<>();
  private final AtomicLong lastRecordAt = new AtomicLong(System.nanoTime());

  private EventPrinter(KafkaConsumer<String, DialogueEvent> consumer, PrintWriter out) {
    this.consumer = consumer;
    this.out = out;
    this.thread = new Thread(this::loop, "event-printer");
    this.thread.setDaemon(true);
  }

  public static EventPrinter start(Map<String, Object> kafkaProps, PrintWriter out) {
    Map<String, Object> props = new HashMap<>(kafkaProps);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "wirewatch-demo-printer");
    KafkaConsumer<String, DialogueEvent> consumer = new KafkaConsumer<>(props,
        Topics.DIALOGUE_EVENTS.keySerde().deserializer(), Topics.DIALOGUE_EVENTS.valueSerde().deserializer());
    consumer.subscribe(java.util.List.of(Topics.DIALOGUE_EVENTS.name()));
    EventPrinter printer = new EventPrinter(consumer, out);
    printer.thread.start();
    return printer;
  }

  /** Returns once no record has arrived for {@code quiet}. */
  public void awaitQuiet(Duration quiet) {
    Instant deadline = Instant.now().plus(quiet.multipliedBy(10));
    while (Instant.now().isBefore(deadline)
        && System.nanoTime() - lastRecordAt.get() < quiet.toNanos()) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  public synchronized int eventCount() {
    return live.size();
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void loop() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<String, DialogueEvent> record : consumer.poll(Duration.ofMillis(200))) {
          lastRecordAt.set(System.nanoTime());
          print(record.key(), record.value());
        }
      }
    } catch (WakeupException stopping) {
      // close() asked the loop to end.
    } catch (RuntimeException e) {
      log.warn("Event printer stopped: {}", e.getMessage());
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private synchronized void print(String eventId, DialogueEvent event) {
    if (event == null) {
      live.remove(eventId);
      out.println("retracted  " + eventId);
      return;
    }
    boolean update = !live.add(eventId);
    String where = event.getLocation() == null ? "?" : event.getLocation().getCity() + ", " + event.getLocation().getCountry();
    String dates = event.getStartDate() == null ? "date unknown"
        : event.getStartDate() + (event.getEndDate() == null || event.getEndDate().equals(event.getStartDate()) ? "" : ".." + event.getEndDate());
    String chairs = event.getCoChairs().stream().map(CoChair::getName).collect(Collectors.joining(" & "));
    out.printf("%s %s  %s  %s  %s%s  [%d mention%s, confidence %.2f]%n",
        update ? "updated " : "event   ", eventId, event.getStatus(), dates, where,
        chairs.isEmpty() ? "" : "  co-chairs " + chairs,
        event.getMentions().size(), event.getMentions().size() == 1 ? "" : "s", event.getConfidence());
    out.flush();
  }
}
