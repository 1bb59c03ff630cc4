package dev.wirewatch.sink.internal;

import dev.wirewatch.sink.internal.EventRow.MentionRow;
import dev.wirewatch.sink.internal.dialect.DatabaseDialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch of changes and the consumer offsets that cover them in a single database transaction:
 * either both are stored or neither, which is what makes the sink exactly-once. Keeps one connection and
 * drops it after any failure that is not about a single record, so the next attempt reconnects.
 * Not thread-safe: the consumer thread owns it.
 */
public final class BatchWriter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);

  private final Database database;
  private final DatabaseDialect dialect;
  private final String consumerGroup;
  private final String topic;
  private Connection connection;

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
      moveOffsets(c, offsets, now);
      applyChanges(c, changes, now);
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

  private void applyChanges(Connection c, List<Change> changes, Instant now)
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
              insertMention.setString(1, change.eventId());
              insertMention.setString(2, mention.articleId());
              insertMention.setString(3, mention.source());
              insertMention.setString(4, mention.url());
              insertMention.setString(5, mention.publishedAt());
              insertMention.setString(6, mention.title());
              insertMention.executeUpdate();
            }
          }
        } catch (SQLException e) {
          if (dialect.isRecordError(e)) {
            throw new RecordRejectedException(change, e);
          }
          throw e;
        }
      }
    }
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
