package dev.herald.chat;

import dev.herald.store.Database;

import static dev.herald.store.Sql.prepare;
import static dev.herald.store.Sql.update;
import jakarta.json.JsonObject;

import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.herald.http.Jsonp.JSON;

/**
 * Chat state kept in the node's database (the embedded SQLite file, or a PostgreSQL that
 * several nodes share), so it survives a restart. Each method is one transaction.
 *
 * <p>PostgreSQL runs READ COMMITTED and SQLite has no {@code SELECT … FOR UPDATE}, so a
 * change to a room's history or membership starts with an {@code UPDATE} of the room's row:
 * it holds that row's lock to the commit, and a second node's append waits for it, then reads
 * the first one's message (each statement sees what was committed before it). That keeps ids
 * contiguous and a client id stored once. Unread counts are the memory store's: every message
 * carries the room's running count of messages that count as unread, so a count is one
 * subtraction; history is trimmed by id range, a batch at a time, from the oldest.
 */
public final class SqlChatStore implements ChatStore {
    private static final String ROOM_COLUMNS = "r.id, r.name, r.private, r.created_by, r.created_at, m.user_id";
    private static final String ROOMS_WITH_MEMBERS = "SELECT " + ROOM_COLUMNS
            + " FROM herald_chat_rooms r LEFT JOIN herald_chat_members m ON m.room = r.id";
    private static final String MESSAGE_COLUMNS = "id, room, user_id, username, content, type, metadata, client_id, ts";

    private final Database db;
    private final int historyLimit;
    /** History grows this far past the limit before a trim, so a full room is not trimmed on every message. */
    private final int trimBatch;

    /** @param historyLimit messages kept per room; older ones are dropped */
    public SqlChatStore(Database db, int historyLimit) {
        if (historyLimit < 1) throw new IllegalArgumentException("historyLimit must be positive");
        this.db = db;
        this.historyLimit = historyLimit;
        this.trimBatch = Math.max(1, historyLimit / 16);
    }

    @Override
    public List<Room> rooms() {
        // One statement: READ COMMITTED gives each statement, not each transaction, one snapshot.
        return db.transaction(c -> {
            try (var s = prepare(c, ROOMS_WITH_MEMBERS + " ORDER BY r.position, r.id")) {
                return readRooms(s);
            }
        });
    }

    @Override
    public Optional<Room> room(String roomId) {
        return db.transaction(c -> findRoom(c, roomId));
    }

    @Override
    public Room createRoom(String slug, String name, boolean isPrivate, String createdBy, Set<String> members, long now) {
        var all = new LinkedHashSet<String>();
        if (createdBy != null) all.add(createdBy);
        all.addAll(members);
        return db.transaction(c -> {
            String id = slug;
            // The key decides: a node creating the same slug at once waits for ours, then takes the next suffix.
            for (int n = 2; !insertRoom(c, id, name, isPrivate, createdBy, now); n++) id = slug + "-" + n;
            try (var s = c.prepareStatement("INSERT INTO herald_chat_members (room, user_id) VALUES (?, ?)")) {
                for (String member : all) {
                    s.setString(1, id);
                    s.setString(2, member);
                    s.addBatch();
                }
                if (!all.isEmpty()) s.executeBatch();
            }
            return new Room(id, name, isPrivate, createdBy, now, all);
        });
    }

    @Override
    public Room ensureRoom(String id, String name, long now) {
        return db.transaction(c -> {
            insertRoom(c, id, name, false, null, now);
            return findRoom(c, id).orElseThrow();
        });
    }

    @Override
    public Optional<Room> addMember(String roomId, String userId) {
        return db.transaction(c -> {
            RoomLog log = lockRoom(c, roomId);
            if (update(c, "INSERT INTO herald_chat_members (room, user_id) VALUES (?, ?) ON CONFLICT (room, user_id) DO NOTHING",
                    roomId, userId) == 0) {
                return Optional.empty();
            }
            // A newcomer starts with everything read: history before they joined is not news to them.
            update(c, "INSERT INTO herald_chat_reads (room, user_id, read_id) VALUES (?, ?, ?)"
                    + " ON CONFLICT (room, user_id) DO UPDATE SET read_id = excluded.read_id", roomId, userId, log.lastId());
            return findRoom(c, roomId);
        });
    }

    @Override
    public Optional<Room> removeMember(String roomId, String userId) {
        return db.transaction(c -> {
            lockRoom(c, roomId);
            if (update(c, "DELETE FROM herald_chat_members WHERE room = ? AND user_id = ?", roomId, userId) == 0) {
                return Optional.empty();
            }
            update(c, "DELETE FROM herald_chat_reads WHERE room = ? AND user_id = ?", roomId, userId);
            return findRoom(c, roomId);
        });
    }

    @Override
    public Appended append(MessageDraft draft, long now) {
        return db.transaction(c -> {
            // Taken first, so a concurrent append of the same client id is committed (and found) before we look.
            RoomLog log = lockRoom(c, draft.roomId());
            if (draft.clientId() != null) {
                Optional<Message> first = findByClientId(c, draft.roomId(), draft.userId(), draft.clientId());
                if (first.isPresent()) return new Appended(first.get(), true);
            }
            Message message = draft.stored(log.lastId() + 1, now);
            RoomLog after = log.add(message);
            insertMessage(c, message, after.ordinal());
            if (after.kept() > historyLimit + trimBatch) after = trim(c, draft.roomId(), after);
            update(c, "UPDATE herald_chat_rooms SET last_id = ?, first_id = ?, ordinal = ?, dropped_ordinal = ? WHERE id = ?",
                    after.lastId(), after.firstId(), after.ordinal(), after.droppedOrdinal(), draft.roomId());
            return new Appended(message, false);
        });
    }

    @Override
    public Optional<Message> byClientId(String roomId, String userId, String clientId) {
        return db.transaction(c -> {
            Optional<Message> found = findByClientId(c, roomId, userId, clientId);
            if (found.isEmpty()) requireRoom(c, roomId);
            return found;
        });
    }

    @Override
    public HistoryPage history(String roomId, Long beforeId, int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit must not be negative");
        return db.transaction(c -> {
            List<Message> newestFirst = newestFirst(c, roomId, beforeId == null ? Long.MAX_VALUE : beforeId, limit + 1);
            boolean more = newestFirst.size() > limit;
            List<Message> page = new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
            Collections.reverse(page);
            return new HistoryPage(page, more);
        });
    }

    @Override
    public Optional<Message> latest(String roomId) {
        return db.transaction(c -> newestFirst(c, roomId, Long.MAX_VALUE, 1).stream().findFirst());
    }

    @Override
    public long markRead(String roomId, String userId, long messageId) {
        return db.transaction(c -> {
            long marker = Math.min(messageId, requireRoom(c, roomId).lastId());
            // Never back: the upsert keeps the higher of the two, also against a concurrent one.
            update(c, "INSERT INTO herald_chat_reads (room, user_id, read_id) VALUES (?, ?, ?) ON CONFLICT (room, user_id)"
                    + " DO UPDATE SET read_id = excluded.read_id WHERE excluded.read_id > herald_chat_reads.read_id",
                    roomId, userId, marker);
            try (var s = prepare(c, "SELECT read_id FROM herald_chat_reads WHERE room = ? AND user_id = ?", roomId, userId)) {
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getLong(1);
                }
            }
        });
    }

    @Override
    public int unreadCount(String roomId, String userId) {
        return db.transaction(c -> {
            // The marker's message may be trimmed: then all before the oldest kept one are read.
            try (var s = prepare(c, "SELECT CASE WHEN k.read_id IS NULL THEN 0"
                    + " ELSE r.ordinal - COALESCE(m.ordinal, r.dropped_ordinal) END"
                    + " FROM herald_chat_rooms r"
                    + " LEFT JOIN herald_chat_reads k ON k.room = r.id AND k.user_id = ?"
                    + " LEFT JOIN herald_chat_messages m ON m.room = r.id AND m.id = k.read_id"
                    + " WHERE r.id = ?", userId, roomId)) {
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) throw noRoom(roomId);
                    return r.getInt(1);
                }
            }
        });
    }

    @Override
    public void rememberUser(String userId, String username) {
        db.update("INSERT INTO herald_chat_users (id, username) VALUES (?, ?)"
                + " ON CONFLICT (id) DO UPDATE SET username = excluded.username", userId, username);
    }

    @Override
    public Optional<String> username(String userId) {
        return db.transaction(c -> {
            try (var s = prepare(c, "SELECT username FROM herald_chat_users WHERE id = ?", userId)) {
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public Collection<String> knownUsers() {
        return db.transaction(c -> {
            var users = new ArrayList<String>();
            try (var s = prepare(c, "SELECT id FROM herald_chat_users"); ResultSet r = s.executeQuery()) {
                while (r.next()) users.add(r.getString(1));
            }
            return users;
        });
    }

    // --- rooms ---------------------------------------------------------------

    /** @return false when the id is taken (by a committed room, or one a concurrent transaction committed first) */
    private static boolean insertRoom(Connection c, String id, String name, boolean isPrivate, String createdBy, long now)
            throws SQLException {
        return update(c, "INSERT INTO herald_chat_rooms (id, position, name, private, created_by, created_at)"
                + " SELECT ?, COALESCE(MAX(position), 0) + 1, ?, ?, ?, ? FROM herald_chat_rooms WHERE true"
                + " ON CONFLICT (id) DO NOTHING", id, name, isPrivate ? 1 : 0, createdBy, now) == 1;
    }

    private static Optional<Room> findRoom(Connection c, String roomId) throws SQLException {
        try (var s = prepare(c, ROOMS_WITH_MEMBERS + " WHERE r.id = ?", roomId)) {
            return readRooms(s).stream().findFirst();
        }
    }

    /** Rooms from rows of {@link #ROOM_COLUMNS}, one row per member (or one with no member), in row order. */
    private static List<Room> readRooms(PreparedStatement s) throws SQLException {
        Map<String, Room> rooms = new LinkedHashMap<>();
        Map<String, Set<String>> members = new LinkedHashMap<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String id = r.getString(1);
                if (!rooms.containsKey(id)) {
                    rooms.put(id, new Room(id, r.getString(2), r.getInt(3) == 1, r.getString(4), r.getLong(5), Set.of()));
                    members.put(id, new LinkedHashSet<>());
                }
                String member = r.getString(6);
                if (member != null) members.get(id).add(member);
            }
        }
        return rooms.values().stream().map(room -> new Room(room.id(), room.name(), room.isPrivate(), room.createdBy(),
                room.createdAt(), members.get(room.id()))).toList();
    }

    // --- history -------------------------------------------------------------

    /**
     * A room's history counters.
     *
     * @param ordinal        unread-counting messages the room has had
     * @param droppedOrdinal the ordinal of the newest message trimmed from history
     */
    private record RoomLog(long lastId, long firstId, long ordinal, long droppedOrdinal) {
        long kept() {
            return lastId - firstId + 1;
        }

        RoomLog add(Message message) {
            return new RoomLog(message.id(), firstId, message.countsAsUnread() ? ordinal + 1 : ordinal, droppedOrdinal);
        }
    }

    /** Locks the room's row until the commit and reads its counters. */
    private static RoomLog lockRoom(Connection c, String roomId) throws SQLException {
        // A write of nothing: PostgreSQL still locks the row, and returns its newest committed values.
        try (var s = prepare(c, "UPDATE herald_chat_rooms SET last_id = last_id WHERE id = ?"
                + " RETURNING last_id, first_id, ordinal, dropped_ordinal", roomId)) {
            return readLog(s, roomId);
        }
    }

    /** The room's counters, unlocked; throws when there is no such room. */
    private static RoomLog requireRoom(Connection c, String roomId) throws SQLException {
        try (var s = prepare(c, "SELECT last_id, first_id, ordinal, dropped_ordinal FROM herald_chat_rooms WHERE id = ?", roomId)) {
            return readLog(s, roomId);
        }
    }

    private static RoomLog readLog(PreparedStatement s, String roomId) throws SQLException {
        try (ResultSet r = s.executeQuery()) {
            if (!r.next()) throw noRoom(roomId);
            return new RoomLog(r.getLong(1), r.getLong(2), r.getLong(3), r.getLong(4));
        }
    }

    /** Drops the oldest messages down to the limit: one range delete on the key. */
    private RoomLog trim(Connection c, String roomId, RoomLog log) throws SQLException {
        long firstKept = log.lastId() - historyLimit + 1;
        long droppedOrdinal;
        try (var s = prepare(c, "SELECT ordinal FROM herald_chat_messages WHERE room = ? AND id = ?", roomId, firstKept - 1)) {
            try (ResultSet r = s.executeQuery()) {
                r.next();
                droppedOrdinal = r.getLong(1);
            }
        }
        // From the first kept id, not the room's start: PostgreSQL's index keeps earlier trims' entries until a vacuum.
        update(c, "DELETE FROM herald_chat_messages WHERE room = ? AND id >= ? AND id < ?", roomId, log.firstId(), firstKept);
        return new RoomLog(log.lastId(), firstKept, log.ordinal(), droppedOrdinal);
    }

    /** Up to {@code limit} messages older than {@code beforeId}, newest first; throws when there is no such room. */
    private static List<Message> newestFirst(Connection c, String roomId, long beforeId, int limit) throws SQLException {
        var messages = new ArrayList<Message>();
        try (var s = prepare(c, "SELECT " + MESSAGE_COLUMNS + " FROM herald_chat_messages"
                + " WHERE room = ? AND id < ? ORDER BY id DESC LIMIT ?", roomId, beforeId, limit)) {
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) messages.add(message(r));
            }
        }
        if (messages.isEmpty()) requireRoom(c, roomId);
        return messages;
    }

    private static void insertMessage(Connection c, Message m, long ordinal) throws SQLException {
        update(c, "INSERT INTO herald_chat_messages (room, id, user_id, username, content, type, metadata, client_id, ts, ordinal)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                m.roomId(), m.id(), m.userId(), m.username(), m.content(), m.type().wire(),
                m.metadata() == null ? null : m.metadata().toString(), m.clientId(), m.timestamp(), ordinal);
    }

    private static Optional<Message> findByClientId(Connection c, String roomId, String userId, String clientId)
            throws SQLException {
        try (var s = prepare(c, "SELECT " + MESSAGE_COLUMNS + " FROM herald_chat_messages"
                + " WHERE room = ? AND user_id = ? AND client_id = ?", roomId, userId, clientId)) {
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(message(r)) : Optional.empty();
            }
        }
    }

    /** A message from a row of {@link #MESSAGE_COLUMNS}. */
    private static Message message(ResultSet r) throws SQLException {
        String metadata = r.getString("metadata");
        return new Message(r.getLong("id"), r.getString("room"), r.getString("user_id"), r.getString("username"),
                r.getString("content"), MessageType.valueOf(r.getString("type").toUpperCase(Locale.ROOT)),
                metadata == null ? null : parse(metadata), r.getString("client_id"), r.getLong("ts"));
    }

    private static JsonObject parse(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    private static IllegalArgumentException noRoom(String roomId) {
        return new IllegalArgumentException("no room " + roomId);
    }
}
