package dev.wirewatch.app.replay;

import dev.wirewatch.broker.TopicSnapshot;
import dev.wirewatch.classify.ArchiveClassifier;
import dev.wirewatch.classify.EventMerger;
import dev.wirewatch.schema.DialogueEvent;
import dev.wirewatch.schema.DialogueMention;
import dev.wirewatch.schema.RawArticle;
import dev.wirewatch.schema.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaying the archive after the classifier changed. The classify application keeps, in its state stores,
 * what it last published per article and per event, so rewinding its input to the start of
 * {@code raw-articles} is all a replay needs: each article is classified again, a verdict that differs
 * replaces the old mention (or tombstones it), and an event is re-emitted only when its content changes.
 * Articles that arrive meanwhile are simply further input, classified once by the running version.
 */
public final class Replay {

  /** Longer than the classifier's session timeout, so a crashed instance has expired by then. */
  private static final Duration MEMBERS_LEAVE_TIMEOUT = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(Replay.class);

  private Replay() {
  }

  /** The new classifier's answer over the archive, and how it differs from the topics now. */
  public record Plan(ReplayReport report, Map<String, DialogueMention> mentions, Map<String, DialogueEvent> events) {
  }

  /**
   * Computes, without writing anything, what a replay would leave on {@code dialogue-mentions} and
   * {@code dialogue-events}: the classifier is run over the latest record of every archived article.
   */
  public static Plan plan(Map<String, Object> kafkaProps, ArchiveClassifier classifier, Duration timeout) {
    Map<String, DialogueEvent> before = TopicSnapshot.latestPerKey(Topics.DIALOGUE_EVENTS, kafkaProps, timeout);
    Set<String> mentionVersions = new TreeSet<>();
    TopicSnapshot.latestPerKey(Topics.DIALOGUE_MENTIONS, kafkaProps, timeout)
        .values().forEach(m -> mentionVersions.add(m.getClassifierVersion()));

    Map<String, DialogueMention> mentions = new TreeMap<>();
    Set<String> articles = new TreeSet<>();
    Set<String> reextracted = new TreeSet<>();
    // Only a verdict per key is kept, never the archived pages, so memory stays small for a large archive.
    TopicSnapshot.scan(Topics.RAW_ARTICLES, kafkaProps, timeout, (articleId, raw) -> {
      mentions.remove(articleId);
      reextracted.remove(articleId);
      if (raw == null) {
        articles.remove(articleId);
        return;
      }
      articles.add(articleId);
      RawArticle current = classifier.refreshed(raw);
      if (!current.getExtractorVersion().equals(raw.getExtractorVersion())) {
        reextracted.add(articleId);
      }
      classifier.mentionOf(articleId, current).ifPresent(m -> mentions.put(articleId, m));
    });
    Map<String, DialogueEvent> events = mergeByEvent(mentions);
    ReplayReport report = ReplayReport.compare(before, events, classifier.version(), mentionVersions,
        articles.size(), reextracted.size());
    return new Plan(report, mentions, events);
  }

  /** The events that a set of mentions makes: one per eventId, merged by the classifier's own rule. */
  public static Map<String, DialogueEvent> mergeByEvent(Map<String, DialogueMention> mentions) {
    Map<String, List<DialogueEvent>> readings = new TreeMap<>();
    mentions.values().forEach(m ->
        readings.computeIfAbsent(m.getDialogue().getEventId(), k -> new ArrayList<>()).add(m.getDialogue()));
    Map<String, DialogueEvent> events = new TreeMap<>();
    readings.forEach((eventId, list) -> events.put(eventId, EventMerger.merge(eventId, list)));
    return events;
  }

  /**
   * A crashed instance stays a member until its session times out, so a replay right after a crash waits for
   * that; an instance that is really running never leaves, and that is an error naming the group.
   */
  private static void awaitNoMembers(Admin admin, String applicationId)
      throws ExecutionException, InterruptedException, TimeoutException {
    Instant deadline = Instant.now().plus(MEMBERS_LEAVE_TIMEOUT);
    boolean logged = false;
    while (true) {
      int members;
      try {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId))
            .describedGroups().get(applicationId).get(30, TimeUnit.SECONDS);
        members = group.members().size();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof GroupIdNotFoundException) {
          return;
        }
        throw e;
      }
      if (members == 0) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("the classify application '" + applicationId + "' is running ("
            + members + " member(s)); stop it before replaying");
      }
      if (!logged) {
        log.info("Replay: waiting for {} member(s) of {} to leave (a crashed instance expires with its session)",
            members, applicationId);
        logged = true;
      }
      TimeUnit.MILLISECONDS.sleep(500);
    }
  }

  /**
   * Moves the classify application's position on {@code raw-articles} back to the start of the archive.
   * Kafka allows this only while the application has no running member, so a running instance is an error
   * that names the group.
   */
  public static void rewind(Map<String, Object> kafkaProps, String applicationId) {
    try (Admin admin = Admin.create(kafkaProps)) {
      awaitNoMembers(admin, applicationId);
      Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
      admin.describeTopics(List.of(Topics.RAW_ARTICLES.name())).allTopicNames().get(30, TimeUnit.SECONDS)
          .get(Topics.RAW_ARTICLES.name()).partitions()
          .forEach(p -> earliest.put(new TopicPartition(Topics.RAW_ARTICLES.name(), p.partition()), OffsetSpec.earliest()));
      Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
      admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS)
          .forEach((tp, info) -> start.put(tp, new OffsetAndMetadata(info.offset())));
      admin.alterConsumerGroupOffsets(applicationId, start).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("cannot rewind the classify application: " + cause.getMessage(), cause);
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot rewind the classify application: Kafka did not answer in time", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rewinding the classify application", e);
    }
  }
}
