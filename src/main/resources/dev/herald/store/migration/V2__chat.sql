-- Chat (SqlChatStore): rooms, members, read markers, history and the users chat has seen.
-- Keys are VARCHAR; display names and content are TEXT, since their length is not ours to
-- bound (a configured room name, a token's user name) and PostgreSQL enforces VARCHAR's.

-- A room's row is also its lock: every change to a room's history or membership starts by
-- updating it, which serialises them when several nodes share one PostgreSQL.
CREATE TABLE herald_chat_rooms (
    id              VARCHAR(256) PRIMARY KEY,
    -- Creation order; rooms created at the same moment on two nodes may tie (then by id).
    position        BIGINT       NOT NULL,
    name            TEXT         NOT NULL,
    private         INTEGER      NOT NULL,
    created_by      VARCHAR(256),
    created_at      BIGINT       NOT NULL,
    -- The newest message id (0 before the first): ids are contiguous from 1.
    last_id         BIGINT       NOT NULL DEFAULT 0,
    -- The oldest message id history still holds (last_id + 1 when it holds none).
    first_id        BIGINT       NOT NULL DEFAULT 1,
    -- How many messages that count as unread the room has had, and how many of them were trimmed.
    ordinal         BIGINT       NOT NULL DEFAULT 0,
    dropped_ordinal BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX herald_chat_rooms_position ON herald_chat_rooms (position);

CREATE TABLE herald_chat_members (
    room    VARCHAR(256) NOT NULL,
    user_id VARCHAR(256) NOT NULL,
    PRIMARY KEY (room, user_id)
);

-- Read markers: the newest message id a user has read in a room.
CREATE TABLE herald_chat_reads (
    room    VARCHAR(256) NOT NULL,
    user_id VARCHAR(256) NOT NULL,
    read_id BIGINT       NOT NULL,
    PRIMARY KEY (room, user_id)
);

-- A room's history, trimmed from the oldest id. ordinal is the room's ordinal after this
-- message, so an unread count is the room's ordinal minus the one at the read marker.
CREATE TABLE herald_chat_messages (
    room      VARCHAR(256) NOT NULL,
    id        BIGINT       NOT NULL,
    user_id   VARCHAR(256) NOT NULL,
    username  TEXT         NOT NULL,
    content   TEXT         NOT NULL,
    type      VARCHAR(16)  NOT NULL,
    metadata  TEXT,
    client_id VARCHAR(256),
    ts        BIGINT       NOT NULL,
    ordinal   BIGINT       NOT NULL,
    PRIMARY KEY (room, id)
);
-- Idempotency: a client id stores one message per user and room while it is in history.
CREATE UNIQUE INDEX herald_chat_messages_client ON herald_chat_messages (room, user_id, client_id)
    WHERE client_id IS NOT NULL;

CREATE TABLE herald_chat_users (
    id       VARCHAR(256) PRIMARY KEY,
    username TEXT         NOT NULL
);
