package dev.wirewatch.sink.internal;

import dev.wirewatch.sink.internal.EventRow.MentionRow;
import dev.wirewatch.sink.internal.dialect.DatabaseDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch of changes and the consumer offsets that cover them in a single database transaction:
 * either both are stored or neither, which is what makes the sink exactly-once. Keeps one connection and
 * drops it after any failure that is not about a single record, so the next attempt reconnects.
 * A batch is written with one JDBC batch per statement kind; when the database refuses a record in it, the
 * batch is redone one change at a time so that the refused change can be named (and dead-lettered).
 * Not thread-safe: the consumer thread owns it.
 */
public final class BatchWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

  private final Database database;
  private final DatabaseDialect dialect;
  private final String consumerGroup;
  private final String topic;
  private Connection connection;
  private int rowByRowBatches;

  public BatchWriter(Database database, String consumerGroup, String topic) {
    this.database = Objects.requireNonNull(database, "database");
    this.dialect = database.dialect();
    this.consumerGroup = Objects.requireNonNull(consumerGroup, "consumerGroup");
    this.topic = Objects.requireNonNull(topic, "topic");
  }

  /** The stored next offset of each partition of the topic for this group. */
  public Map<Integer, Long> readOffsets() throws SQLException {
    try {
      Connection c = connection();
      Map<Integer, Long> offsets = readOffsets(c, consumerGroup, topic);
      c.commit();
      return offsets;
    } catch (SQLException e) {
      dropConnection(e);
      throw e;
    }
  }

  /** The stored next offset of each partition of {@code topic} for {@code consumerGroup}. */
  public static Map<Integer, Long> readOffsets(Connection connection, String consumerGroup, String topic)
      throws SQLException {
    Map<Integer, Long> offsets = new HashMap<>();
    try (PreparedStatement select = connection.prepareStatement(DatabaseDialect.SELECT_OFFSETS)) {
      select.setString(1, consumerGroup);
      select.setString(2, topic);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          offsets.put(rows.getInt(1), rows.getLong(2));
        }
      }
    }
    return offsets;
  }

  /**
   * Applies {@code changes} and moves {@code offsets}, committing both together.
   *
   * @throws RecordRejectedException when one change can never be stored; nothing was committed
   * @throws FencedException when a stored offset moved under this writer; nothing was committed
   * @throws SQLException when the database failed otherwise (unreachable, locked...); nothing was committed
   */
  public void write(List<Change> changes, Collection<OffsetMove> offsets, Instant now)
      throws SQLException, RecordRejectedException, FencedException {
    Connection c;
    try {
      c = connection();
    } catch (SQLException e) {
      dropConnection(e);
      throw e;
    }
    try {
      // Batching reorders statements across changes, which gives the same rows as applying them in turn
      // only when each event appears once (the buffer guarantees that; anything else takes the slow path).
      if (hasDistinctEventIds(changes) && writeBatched(c, changes, offsets, now)) {
        return;
      }
      // The batched statements cannot tell which change the database refused (PostgreSQL names none once
      // inserts are rewritten into one statement), so the batch is done again one change at a time in a
      // fresh transaction: the first refused change ends it, exactly as it would without batching.
      moveOffsets(c, offsets, now);
      applyRowByRow(c, changes, now);
      c.commit();
    } catch (RecordRejectedException | FencedException e) {
      rollback(c, e);
      throw e;
    } catch (SQLException | RuntimeException e) {
      rollback(c, e);
      dropConnection(e);
      throw e;
    }
  }

  /** Batches redone row by row since this writer was made, because the database refused a record in them. */
  int rowByRowBatches() {
    return rowByRowBatches;
  }

  /**
   * The fast path: one JDBC batch per statement kind. Returns true when committed, false when the database
   * refused a record (the transaction is then rolled back and the batch must be redone row by row).
   */
  private boolean writeBatched(Connection c, List<Change> changes, Collection<OffsetMove> offsets, Instant now)
      throws SQLException, FencedException {
    moveOffsets(c, offsets, now);
    try {
      applyBatched(c, changes, now);
    } catch (SQLException e) {
      if (!isRecordError(e)) {
        throw e;
      }
      try {
        c.rollback();
      } catch (SQLException rollbackFailure) {
        // The connection is in doubt: treat it as the database failing, not the record.
        rollbackFailure.addSuppressed(e);
        throw rollbackFailure;
      }
      rowByRowBatches++;
      // Not the message: pgjdbc puts the whole rewritten statement, every row's values, in it. The slow path
      // reports the refused record itself, with the database's reason, on the dead-letter topic.
      log.info("Database {} refused a record in a batch of {} changes of {} (SQLSTATE {}, error code {});"
          + " writing them one at a time to find it", database.describe(), changes.size(), topic, e.getSQLState(),
          e.getErrorCode());
      return false;
    }
    c.commit();
    return true;
  }

  private void moveOffsets(Connection c, Collection<OffsetMove> offsets, Instant now)
      throws SQLException, FencedException {
    if (offsets.isEmpty()) {
      return;
    }
    try (PreparedStatement update = c.prepareStatement(DatabaseDialect.UPDATE_OFFSET);
        PreparedStatement insert = c.prepareStatement(DatabaseDialect.INSERT_OFFSET)) {
      for (OffsetMove move : offsets) {
        int rows;
        if (move.expected() == null) {
          insert.setString(1, consumerGroup);
          insert.setString(2, topic);
          insert.setInt(3, move.partition());
          insert.setLong(4, move.next());
          dialect.bindTimestamp(insert, 5, now);
          rows = insert.executeUpdate();
        } else {
          update.setLong(1, move.next());
          dialect.bindTimestamp(update, 2, now);
          update.setString(3, consumerGroup);
          update.setString(4, topic);
          update.setInt(5, move.partition());
          update.setLong(6, move.expected());
          rows = update.executeUpdate();
        }
        if (rows != 1) {
          throw new FencedException(topic, move.partition(), move.expected());
        }
      }
    }
  }

  /**
   * Applies the changes with one JDBC batch per statement kind, in an order that gives the same rows as
   * applying each change in turn when every eventId appears once: mentions of every changed event go first
   * (they are replaced with their event), then deleted events, then upserted events, then their mentions
   * (which reference the events).
   */
  private void applyBatched(Connection c, List<Change> changes, Instant now) throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    try (PreparedStatement deleteMentions = c.prepareStatement(DatabaseDialect.DELETE_MENTIONS)) {
      for (Change change : changes) {
        deleteMentions.setString(1, change.eventId());
        deleteMentions.addBatch();
      }
      deleteMentions.executeBatch();
    }
    int deletes = 0;
    int mentions = 0;
    for (Change change : changes) {
      if (change.isDelete()) {
        deletes++;
      } else {
        mentions += change.row().mentions().size();
      }
    }
    if (deletes > 0) {
      try (PreparedStatement deleteEvent = c.prepareStatement(DatabaseDialect.DELETE_EVENT)) {
        for (Change change : changes) {
          if (change.isDelete()) {
            deleteEvent.setString(1, change.eventId());
            deleteEvent.addBatch();
          }
        }
        deleteEvent.executeBatch();
      }
    }
    if (deletes < changes.size()) {
      try (PreparedStatement upsert = c.prepareStatement(dialect.upsertEvent())) {
        for (Change change : changes) {
          if (!change.isDelete()) {
            bindEvent(upsert, change, now);
            upsert.addBatch();
          }
        }
        upsert.executeBatch();
      }
    }
    if (mentions > 0) {
      try (PreparedStatement insertMention = c.prepareStatement(DatabaseDialect.INSERT_MENTION)) {
        for (Change change : changes) {
          if (!change.isDelete()) {
            for (MentionRow mention : change.row().mentions()) {
              bindMention(insertMention, change.eventId(), mention);
              insertMention.addBatch();
            }
          }
        }
        insertMention.executeBatch();
      }
    }
  }

  /** The slow path: each change on its own, so that a refused one is known by name. */
  private void applyRowByRow(Connection c, List<Change> changes, Instant now)
      throws SQLException, RecordRejectedException {
    if (changes.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = c.prepareStatement(dialect.upsertEvent());
        PreparedStatement deleteEvent = c.prepareStatement(DatabaseDialect.DELETE_EVENT);
        PreparedStatement deleteMentions = c.prepareStatement(DatabaseDialect.DELETE_MENTIONS);
        PreparedStatement insertMention = c.prepareStatement(DatabaseDialect.INSERT_MENTION)) {
      for (Change change : changes) {
        try {
          // Mentions are replaced with the event: delete them first, then write what the record holds.
          deleteMentions.setString(1, change.eventId());
          deleteMentions.executeUpdate();
          if (change.isDelete()) {
            deleteEvent.setString(1, change.eventId());
            deleteEvent.executeUpdate();
          } else {
            bindEvent(upsert, change, now);
            upsert.executeUpdate();
            for (MentionRow mention : change.row().mentions()) {
              bindMention(insertMention, change.eventId(), mention);
              insertMention.executeUpdate();
            }
          }
        } catch (SQLException e) {
          if (isRecordError(e)) {
            throw new RecordRejectedException(change, e);
          }
          throw e;
        }
      }
    }
  }

  private static void bindMention(PreparedStatement insertMention, String eventId, MentionRow mention)
      throws SQLException {
    insertMention.setString(1, eventId);
    insertMention.setString(2, mention.articleId());
    insertMention.setString(3, mention.source());
    insertMention.setString(4, mention.url());
    insertMention.setString(5, mention.publishedAt());
    insertMention.setString(6, mention.title());
  }

  /**
   * Whether the error, or one it wraps, is about a record's values. A failed JDBC batch reports a
   * {@link java.sql.BatchUpdateException} whose own state may be generic, with the database's error as its
   * cause or next exception.
   */
  private boolean isRecordError(SQLException e) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> pending = new ArrayDeque<>();
    pending.add(e);
    while (!pending.isEmpty()) {
      Throwable t = pending.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (t instanceof SQLException sql) {
        if (dialect.isRecordError(sql)) {
          return true;
        }
        if (sql.getNextException() != null) {
          pending.add(sql.getNextException());
        }
      }
      if (t.getCause() != null) {
        pending.add(t.getCause());
      }
    }
    return false;
  }

  private static boolean hasDistinctEventIds(List<Change> changes) {
    Set<String> ids = new HashSet<>();
    for (Change change : changes) {
      if (!ids.add(change.eventId())) {
        return false;
      }
    }
    return true;
  }

  private void bindEvent(PreparedStatement upsert, Change change, Instant now) throws SQLException {
    EventRow row = change.row();
    upsert.setString(1, row.eventId());
    upsert.setString(2, row.format());
    upsert.setString(3, row.counterparts());
    upsert.setString(4, row.status());
    if (row.round() == null) {
      upsert.setNull(5, Types.INTEGER);
    } else {
      upsert.setInt(5, row.round());
    }
    dialect.bindDate(upsert, 6, row.startDate());
    dialect.bindDate(upsert, 7, row.endDate());
    upsert.setString(8, row.city());
    upsert.setString(9, row.country());
    upsert.setString(10, row.classifierVersion());
    upsert.setDouble(11, row.confidence());
    upsert.setString(12, row.recordJson());
    upsert.setInt(13, change.partition().partition());
    upsert.setLong(14, change.offset());
    dialect.bindTimestamp(upsert, 15, now);
  }

  private Connection connection() throws SQLException {
    if (connection == null) {
      Connection fresh = database.connect();
      try {
        fresh.setAutoCommit(false);
      } catch (SQLException e) {
        closeQuietly(fresh, e);
        throw e;
      }
      connection = fresh;
    }
    return connection;
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  /** Forgets the connection after a failure; closing errors are attached to that failure. */
  private void dropConnection(Exception cause) {
    if (connection != null) {
      closeQuietly(connection, cause);
      connection = null;
    }
  }

  private static void closeQuietly(Connection c, Exception cause) {
    try {
      c.close();
    } catch (SQLException closeFailure) {
      cause.addSuppressed(closeFailure);
    }
  }

  @Override
  public void close() {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        log.warn("Closing the connection to {} failed: {}", database.describe(), e.getMessage());
      }
      connection = null;
    }
  }
}
