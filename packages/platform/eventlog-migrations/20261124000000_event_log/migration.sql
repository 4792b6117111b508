-- The embedded PostgreSQL event log (PostgresEventLog): topics split into partitions, each an
-- append-only sequence of messages numbered by offset, and per consumer group the next offset
-- to read. Topics are implicit: a row here is created the first time a topic is used.

CREATE TABLE topics (
  topic      text PRIMARY KEY,
  partitions integer NOT NULL CHECK (partitions > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One row per partition holding the next offset to assign. A publisher locks it (UPDATE) until
-- its transaction commits, so offsets become visible in commit order and readers never skip.
CREATE TABLE partition_heads (
  topic       text NOT NULL REFERENCES topics (topic),
  partition   integer NOT NULL,
  next_offset bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (topic, partition)
);

CREATE TABLE messages (
  topic        text NOT NULL,
  partition    integer NOT NULL,
  "offset"     bigint NOT NULL,
  key          text NOT NULL,
  value        text NOT NULL,
  headers      jsonb NOT NULL DEFAULT '{}',
  published_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (topic, partition, "offset")
);

CREATE TABLE consumer_offsets (
  group_id    text NOT NULL,
  topic       text NOT NULL,
  partition   integer NOT NULL,
  next_offset bigint NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, topic, partition)
);
