package dev.wirewatch.broker;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.AbortTransactionSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.ProducerState;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a stage's own hanging transactions and aborts them, before the stage's Kafka clients start.
 *
 * <p>A transaction hangs when batches of it sit on a partition with no commit or abort marker and nothing
 * will ever write one: the transaction coordinator no longer links that producer id to a transactional id,
 * or the transactional id has moved on (another producer id, a finished transaction, a transaction that
 * does not include the partition), or it has been open longer than the broker's
 * {@code transaction.max.timeout.ms}, which no live transaction can be. Such a transaction holds the
 * partition's last stable offset back for good: a {@code read_committed} reader stops there, and on
 * {@code __consumer_offsets} the group's offsets stay "unstable", so an exactly-once Streams application
 * never reaches RUNNING. The coordinator cannot help, because it does not know the transaction; writing the
 * abort marker directly ({@code Admin.abortTransaction}) is the documented way out, the same one
 * {@code kafka-transactions.sh find-hanging} and {@code abort} take.
 *
 * <p>Only the stage's own transactions are touched: those on partitions only the stage writes
 * ({@link Scope#owns}), and, on partitions it shares with others (the dead-letter topic, the group's
 * {@code __consumer_offsets} partition), those of a producer id that is the stage's (a transactional id
 * with its prefix, or one already found hanging on its own partitions) or, for the group's offsets
 * partition, an orphan while the group's offsets are unstable. A transaction the coordinator is still
 * completing, or one that is live, is left alone.
 */
public final class HangingTransactions {

  private static final Logger log = LoggerFactory.getLogger(HangingTransactions.class);
  private static final String CONSUMER_OFFSETS = "__consumer_offsets";
  private static final long CALL_TIMEOUT_SECONDS = 30;
  /** The broker default, used when the broker's configuration cannot be read. */
  private static final Duration DEFAULT_MAX_TIMEOUT = Duration.ofMinutes(15);

  private HangingTransactions() {
  }

  /**
   * What a stage writes transactionally.
   *
   * @param transactionalIdPrefix every transactional id of the stage starts with it
   * @param inputTopics topics whose offsets the stage commits in its transactions
   * @param topics topics only the stage writes
   * @param topicPrefix topics whose names start with it are the stage's too (internal topics), or null
   * @param sharedTopics topics the stage writes besides others
   * @param consumerGroup the group whose offsets the stage commits in its transactions, or null
   */
  public record Scope(String transactionalIdPrefix, Set<String> inputTopics, Set<String> topics, String topicPrefix,
      Set<String> sharedTopics, String consumerGroup) {

    public Scope {
      if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
        throw new IllegalArgumentException("transactionalIdPrefix must be non-blank");
      }
      inputTopics = Set.copyOf(inputTopics);
      topics = Set.copyOf(topics);
      sharedTopics = Set.copyOf(sharedTopics);
    }

    /**
     * A Kafka Streams application with exactly-once: its transactional ids are
     * {@code <applicationId>-<processId>-<thread index>}, its internal (changelog, repartition) topics start
     * with {@code <applicationId>-}, and it commits the offsets of the group {@code applicationId}.
     */
    public static Scope streamsApplication(String applicationId, Collection<String> inputTopics,
        Collection<String> outputTopics, Collection<String> sharedOutputTopics) {
      if (applicationId == null || applicationId.isBlank()) {
        throw new IllegalArgumentException("applicationId must be non-blank");
      }
      return new Scope(applicationId + "-", Set.copyOf(inputTopics), Set.copyOf(outputTopics), applicationId + "-", Set.copyOf(sharedOutputTopics),
          applicationId);
    }

    /** True for a topic only this stage writes. */
    public boolean owns(String topic) {
      return topics.contains(topic) || (topicPrefix != null && topic.startsWith(topicPrefix));
    }

    boolean ownsTransactionalId(String transactionalId) {
      return transactionalId.startsWith(transactionalIdPrefix);
    }
  }

  /** One transaction aborted, with why it was taken as hanging. */
  public record Aborted(TopicPartition partition, long producerId, int producerEpoch, Duration age, String reason) {
  }

  /** A transaction open on a partition, as the partition's leader reports it. */
  private record Open(TopicPartition partition, ProducerState producer) {

    long startOffset() {
      return producer.currentTransactionStartOffset().orElseThrow();
    }

    /** At least this old: the transaction began at or before its producer's last write here. */
    Duration age(Instant now) {
      return Duration.between(Instant.ofEpochMilli(producer.lastTimestamp()), now);
    }
  }

  /**
   * Looks for the stage's hanging transactions and aborts each, one log line per transaction. Failing to
   * look (an old broker, missing ACLs) is logged as a warning and returns nothing: the stage then starts as
   * it would have without the check.
   *
   * @param clientProps Kafka client properties (bootstrap.servers, security settings)
   * @return the transactions aborted, empty when none hung
   */
  public static List<Aborted> abortOwn(Map<String, Object> clientProps, Scope scope) {
    Objects.requireNonNull(clientProps, "clientProps");
    Objects.requireNonNull(scope, "scope");
    try (Admin admin = Admin.create(clientProps)) {
      return abortOwn(admin, scope);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      log.warn("Could not look for hanging transactions of {}*: {}", scope.transactionalIdPrefix(), cause.toString());
    } catch (TimeoutException e) {
      log.warn("Could not look for hanging transactions of {}*: Kafka did not answer in time", scope.transactionalIdPrefix());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while looking for hanging transactions", e);
    }
    return List.of();
  }

  private static List<Aborted> abortOwn(Admin admin, Scope scope)
      throws ExecutionException, InterruptedException, TimeoutException {
    Layout layout = layout(admin, scope);
    List<Open> open = openTransactions(admin, layout.written());
    if (open.isEmpty()) {
      return List.of();
    }
    Duration maxTimeout = maxTransactionTimeout(admin);
    Map<Long, TransactionListing> listings = listings(admin, open);
    Map<String, TransactionDescription> described = describe(admin, scope, listings.values());
    Instant now = Instant.now();

    Map<Open, String> hanging = new HashMap<>();
    List<Open> orphansOnShared = new ArrayList<>();
    Set<Long> ownProducers = new HashSet<>();
    for (Open txn : open) {
      TransactionListing listing = listings.get(txn.producer().producerId());
      if (listing != null && !scope.ownsTransactionalId(listing.transactionalId())) {
        continue; // another application's transaction: not ours to judge
      }
      if (listing != null) {
        ownProducers.add(txn.producer().producerId());
      }
      Optional<String> reason = listing == null
          ? Optional.of("no transactional id owns producer id " + txn.producer().producerId())
          : whyHanging(txn.partition(), txn.producer(), listing.transactionalId(), described.get(listing.transactionalId()),
              maxTimeout, now);
      if (reason.isEmpty()) {
        continue;
      }
      if (listing != null || scope.owns(txn.partition().topic())) {
        hanging.put(txn, reason.get());
        ownProducers.add(txn.producer().producerId());
      } else {
        orphansOnShared.add(txn);
      }
    }
    attributeOrphans(admin, scope, layout.consumed(), orphansOnShared, ownProducers, hanging);
    return abort(admin, confirmed(admin, hanging), now);
  }

  /**
   * Why a transaction the coordinator links to one of the stage's transactional ids hangs, if it does.
   * A transaction being completed (PREPARE_*) is not hanging: its markers are on their way.
   */
  static Optional<String> whyHanging(TopicPartition partition, ProducerState producer, String transactionalId,
      TransactionDescription coordinator, Duration maxTimeout, Instant now) {
    if (coordinator == null) {
      return Optional.empty(); // the coordinator did not answer: leave it for the next start
    }
    TransactionState state = coordinator.state();
    if (state == TransactionState.PREPARE_COMMIT || state == TransactionState.PREPARE_ABORT
        || state == TransactionState.PREPARE_EPOCH_FENCE) {
      return Optional.empty();
    }
    if (coordinator.producerId() != producer.producerId()) {
      return Optional.of("transactional id " + transactionalId + " now belongs to producer id " + coordinator.producerId());
    }
    if (state != TransactionState.ONGOING) {
      return Optional.of("transactional id " + transactionalId + " has no open transaction (" + state + ")");
    }
    if (!coordinator.topicPartitions().contains(partition)) {
      return Optional.of("the open transaction of " + transactionalId + " does not include " + partition);
    }
    Duration open = Duration.between(Instant.ofEpochMilli(
        coordinator.transactionStartTimeMs().orElse(producer.lastTimestamp())), now);
    if (open.compareTo(maxTimeout) > 0) {
      return Optional.of("open longer than transaction.max.timeout.ms (" + maxTimeout.toMillis() + " ms)");
    }
    return Optional.empty();
  }

  /**
   * An orphan on a shared partition is the stage's when its producer id is (it also hangs on the stage's
   * own partitions), or when it sits on the group's offsets partition and the group's offsets are unstable.
   */
  private static void attributeOrphans(Admin admin, Scope scope, Set<TopicPartition> consumed, List<Open> orphans,
      Set<Long> ownProducers, Map<Open, String> hanging) throws InterruptedException {
    Boolean unstable = null;
    for (Open orphan : orphans) {
      if (ownProducers.contains(orphan.producer().producerId())) {
        hanging.put(orphan, "no transactional id owns producer id " + orphan.producer().producerId()
            + ", which also hangs on this stage's topics");
      } else if (orphan.partition().topic().equals(CONSUMER_OFFSETS) && scope.consumerGroup() != null) {
        if (unstable == null) {
          unstable = offsetsPending(admin, scope.consumerGroup(), consumed);
        }
        if (unstable) {
          hanging.put(orphan, "no transactional id owns producer id " + orphan.producer().producerId()
              + " and the offsets of group " + scope.consumerGroup() + " are unstable");
        }
      }
    }
  }

  /** Where to look: the partitions the stage writes; and those whose offsets its group commits. */
  private record Layout(Set<TopicPartition> written, Set<TopicPartition> consumed) {
  }

  /**
   * The stage's topics, the shared ones and the {@code __consumer_offsets} partition of its group; and the
   * partitions of its input topics and of its own (repartition) topics, whose offsets the group commits.
   */
  private static Layout layout(Admin admin, Scope scope) throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> topics = new HashSet<>();
    for (String name : admin.listTopics(new ListTopicsOptions().listInternal(true)).names()
        .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      if (scope.owns(name) || scope.sharedTopics().contains(name) || scope.inputTopics().contains(name)
          || (name.equals(CONSUMER_OFFSETS) && scope.consumerGroup() != null)) {
        topics.add(name);
      }
    }
    Set<TopicPartition> written = new HashSet<>();
    Set<TopicPartition> consumed = new HashSet<>();
    admin.describeTopics(topics).allTopicNames().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((name, topic) -> {
      if (name.equals(CONSUMER_OFFSETS)) {
        // The group coordinator keeps a group's offsets on one partition, chosen by the group id's hash.
        written.add(new TopicPartition(name, Utils.abs(scope.consumerGroup().hashCode()) % topic.partitions().size()));
        return;
      }
      topic.partitions().forEach(p -> {
        TopicPartition tp = new TopicPartition(name, p.partition());
        if (scope.owns(name) || scope.sharedTopics().contains(name)) {
          written.add(tp);
        }
        if (scope.owns(name) || scope.inputTopics().contains(name)) {
          consumed.add(tp);
        }
      });
    });
    return new Layout(written, consumed);
  }

  private static List<Open> openTransactions(Admin admin, Collection<TopicPartition> partitions)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<Open> open = new ArrayList<>();
    if (partitions.isEmpty()) {
      return open;
    }
    admin.describeProducers(partitions).all().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((tp, state) ->
        state.activeProducers().stream()
            .filter(p -> p.currentTransactionStartOffset().isPresent())
            .forEach(p -> open.add(new Open(tp, p))));
    return open;
  }

  private static Map<Long, TransactionListing> listings(Admin admin, List<Open> open)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<Long> producerIds = new HashSet<>();
    open.forEach(txn -> producerIds.add(txn.producer().producerId()));
    Map<Long, TransactionListing> byProducer = new HashMap<>();
    admin.listTransactions(new ListTransactionsOptions().filterProducerIds(producerIds)).all()
        .get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .forEach(listing -> byProducer.put(listing.producerId(), listing));
    return byProducer;
  }

  private static Map<String, TransactionDescription> describe(Admin admin, Scope scope, Collection<TransactionListing> listings)
      throws InterruptedException {
    Map<String, TransactionDescription> described = new HashMap<>();
    for (TransactionListing listing : listings) {
      if (!scope.ownsTransactionalId(listing.transactionalId())) {
        continue;
      }
      try {
        described.put(listing.transactionalId(), admin.describeTransactions(List.of(listing.transactionalId()))
            .description(listing.transactionalId()).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS));
      } catch (ExecutionException | TimeoutException e) {
        log.warn("Cannot describe transaction {}: {}", listing.transactionalId(), e.getMessage());
      }
    }
    return described;
  }

  /**
   * Only what is still open at the same offset after the coordinator was asked: a transaction completed
   * meanwhile has its markers and must not be aborted a second time.
   */
  private static Map<Open, String> confirmed(Admin admin, Map<Open, String> candidates)
      throws ExecutionException, InterruptedException, TimeoutException {
    if (candidates.isEmpty()) {
      return candidates;
    }
    Set<TopicPartition> partitions = new HashSet<>();
    candidates.keySet().forEach(txn -> partitions.add(txn.partition()));
    Map<Open, String> still = new HashMap<>();
    for (Open now : openTransactions(admin, partitions)) {
      candidates.forEach((before, reason) -> {
        if (before.partition().equals(now.partition()) && before.producer().producerId() == now.producer().producerId()
            && before.startOffset() == now.startOffset()) {
          still.put(now, reason);
        }
      });
    }
    return still;
  }

  private static List<Aborted> abort(Admin admin, Map<Open, String> hanging, Instant now)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<Aborted> aborted = new ArrayList<>();
    for (Map.Entry<Open, String> entry : hanging.entrySet()) {
      Open txn = entry.getKey();
      ProducerState producer = txn.producer();
      admin.abortTransaction(new AbortTransactionSpec(txn.partition(), producer.producerId(), (short) producer.producerEpoch(),
          producer.coordinatorEpoch().orElse(-1))).all().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Aborted done = new Aborted(txn.partition(), producer.producerId(), producer.producerEpoch(), txn.age(now), entry.getValue());
      log.warn("Aborted hanging transaction on {} (producer id {}, epoch {}, open since offset {}, at least {} s old): {}",
          done.partition(), done.producerId(), done.producerEpoch(), txn.startOffset(), done.age().toSeconds(), done.reason());
      aborted.add(done);
    }
    return aborted;
  }

  /**
   * True while some of {@code group}'s offsets of {@code partitions} cannot be read as stable: a transaction
   * holds a commit of them pending. Kafka reports that per partition (UNSTABLE_OFFSET_COMMIT), and the Admin
   * client then leaves the partition out of its answer.
   */
  public static boolean offsetsPending(Map<String, Object> clientProps, String group, Collection<TopicPartition> partitions)
      throws InterruptedException {
    try (Admin admin = Admin.create(clientProps)) {
      return offsetsPending(admin, group, partitions);
    }
  }

  private static boolean offsetsPending(Admin admin, String group, Collection<TopicPartition> partitions)
      throws InterruptedException {
    if (partitions.isEmpty()) {
      return false;
    }
    try {
      Map<TopicPartition, OffsetAndMetadata> stable = admin.listConsumerGroupOffsets(
              Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)),
              new ListConsumerGroupOffsetsOptions().requireStable(true))
          .partitionsToOffsetAndMetadata(group).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return !stable.keySet().containsAll(partitions);
    } catch (ExecutionException | TimeoutException e) {
      log.debug("Cannot read the offsets of {}: {}", group, e.toString());
      return false;
    }
  }

  /** The broker's {@code transaction.max.timeout.ms}: no live transaction is open longer. */
  private static Duration maxTransactionTimeout(Admin admin) throws InterruptedException {
    try {
      Collection<Node> nodes = admin.describeCluster().nodes().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (nodes.isEmpty()) {
        return DEFAULT_MAX_TIMEOUT;
      }
      ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, nodes.iterator().next().idString());
      String value = admin.describeConfigs(List.of(broker)).all().get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .get(broker).get("transaction.max.timeout.ms").value();
      return Duration.ofMillis(Long.parseLong(value));
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.debug("Cannot read transaction.max.timeout.ms, assuming the default: {}", e.toString());
      return DEFAULT_MAX_TIMEOUT;
    }
  }
}
