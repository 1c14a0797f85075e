-- Notifications (SqlNotificationStore), with the memory store's model: broadcasts kept once,
-- each user's read and removed state as two watermarks plus the ids above them.

-- The id sequence, as a row: an add increments it first and holds its lock until it commits,
-- so adds on every node sharing the database take turns and no id commits after a larger one.
CREATE TABLE herald_notify_counter (
    name  VARCHAR(64) PRIMARY KEY,
    value BIGINT      NOT NULL
);
INSERT INTO herald_notify_counter (name, value) VALUES ('notification', 0);

-- Every kept notification; user_id NULL is a broadcast. Retention keeps the newest per user
-- and the newest broadcasts; (user_id, id) serves both the window and that trim.
CREATE TABLE herald_notify_items (
    id           BIGINT       PRIMARY KEY,
    user_id      VARCHAR(200),
    type         VARCHAR(16)  NOT NULL,
    title        TEXT         NOT NULL,
    message      TEXT         NOT NULL,
    action_url   TEXT,
    action_label TEXT,
    auto_remove  INTEGER      NOT NULL,
    duration     BIGINT       NOT NULL,
    ts           BIGINT       NOT NULL
);
CREATE INDEX herald_notify_items_user ON herald_notify_items (user_id, id);

-- A user's watermarks: everything up to here is read (read-all) or removed (clear-all).
-- A change to the user's state locks this row first, so changes to one user take turns.
CREATE TABLE herald_notify_users (
    user_id         VARCHAR(200) PRIMARY KEY,
    read_through    BIGINT       NOT NULL,
    removed_through BIGINT       NOT NULL
);

-- Ids read or removed one by one above the watermarks; ids that left the user's window are
-- pruned at the user's next change. No foreign keys: retention deletes notifications freely.
CREATE TABLE herald_notify_read (
    user_id         VARCHAR(200) NOT NULL,
    notification_id BIGINT       NOT NULL,
    PRIMARY KEY (user_id, notification_id)
);
CREATE TABLE herald_notify_removed (
    user_id         VARCHAR(200) NOT NULL,
    notification_id BIGINT       NOT NULL,
    PRIMARY KEY (user_id, notification_id)
);
