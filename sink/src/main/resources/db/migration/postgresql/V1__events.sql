-- wirewatch sink schema, PostgreSQL flavour. Keep in step with ../sqlite/V1__events.sql:
-- same tables, columns and constraints; only the types differ (DATE, JSONB, TIMESTAMPTZ here).

-- One row per dialogue event (topic dialogue-events, key eventId). `record` is the whole event as the
-- JSON of DESIGN.md; the other columns are copies of its fields for filtering and indexing.
CREATE TABLE events (
  event_id           TEXT             NOT NULL PRIMARY KEY CHECK (event_id <> ''),
  format             TEXT             NOT NULL,
  -- Counterpart codes wrapped in commas (",EU,US,") so that one code matches with LIKE '%,EU,%'.
  counterparts       TEXT             NOT NULL,
  status             TEXT             NOT NULL,
  round              INTEGER,
  start_date         DATE,
  end_date           DATE,
  city               TEXT,
  country            TEXT,
  classifier_version TEXT             NOT NULL,
  confidence         DOUBLE PRECISION NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  record             JSONB            NOT NULL,
  -- Where the stored version was read from, to trace a row back to its Kafka record.
  kafka_partition    INTEGER          NOT NULL,
  kafka_offset       BIGINT           NOT NULL,
  updated_at         TIMESTAMPTZ      NOT NULL
);

CREATE INDEX events_by_start_date ON events (start_date, event_id);

-- The articles that report an event; replaced together with the event, deleted with it.
CREATE TABLE event_mentions (
  event_id     TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
  article_id   TEXT NOT NULL,
  source       TEXT NOT NULL,
  url          TEXT NOT NULL,
  -- As the wire gives it (ISO-8601 with offset), so the Beijing-time offset is not lost.
  published_at TEXT,
  title        TEXT,
  PRIMARY KEY (event_id, article_id)
);

CREATE INDEX event_mentions_by_article ON event_mentions (article_id);

-- The consumer position of the sink, written in the same transaction as the rows it covers:
-- this table, not the Kafka group offsets, decides where consumption resumes.
CREATE TABLE sink_offsets (
  consumer_group  TEXT        NOT NULL,
  topic           TEXT        NOT NULL,
  kafka_partition INTEGER     NOT NULL,
  next_offset     BIGINT      NOT NULL CHECK (next_offset >= 0),
  updated_at      TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (consumer_group, topic, kafka_partition)
);
