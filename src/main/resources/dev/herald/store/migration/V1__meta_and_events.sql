-- Herald's own facts about this database: its epoch (ids of events retained here carry it),
-- the generated session secret when none is configured.
CREATE TABLE herald_meta (
    name  VARCHAR(64)  PRIMARY KEY,
    value VARCHAR(512) NOT NULL
);

-- The retained events of every topic (herald.broker=memory): the memory broker's retention,
-- kept. Ids are the epoch's millis-sequence; the epoch is herald_meta's.
CREATE TABLE herald_events (
    ms       BIGINT       NOT NULL,
    seq      BIGINT       NOT NULL,
    topic    VARCHAR(256) NOT NULL,
    type     VARCHAR(128) NOT NULL,
    ts       BIGINT       NOT NULL,
    data     TEXT         NOT NULL,
    audience VARCHAR(256),
    PRIMARY KEY (ms, seq)
);
CREATE INDEX herald_events_topic ON herald_events (topic, ms, seq);

-- Per topic, the newest id retention has dropped: a resume from before it has a gap.
CREATE TABLE herald_topics (
    topic       VARCHAR(256) PRIMARY KEY,
    dropped_ms  BIGINT       NOT NULL,
    dropped_seq BIGINT       NOT NULL
);
