package dev.herald.notify;

import dev.herald.store.Database;

import static dev.herald.store.Sql.prepare;
import static dev.herald.store.Sql.query;
import static dev.herald.store.Sql.update;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Notifications kept in Herald's database (the embedded SQLite file or a server's PostgreSQL,
 * tables {@code herald_notify_*} of migration V3), with the memory store's model: broadcasts
 * kept once, each user's read and removed state as two watermarks plus the ids above them.
 * Every method is one transaction.
 *
 * <p>Ids come from a counter row that an add increments first; its lock is held until the add
 * commits, so adds on all nodes take turns and no id ever commits after a larger one. The
 * watermarks and paging rely on that: what a reader saw below an id is all there will be.
 * A change to a user's state first takes that user's row (an upsert), so changes to one user
 * take turns too, and under PostgreSQL's READ COMMITTED each later statement reads what the
 * previous holder committed. Reads take no lock: each is a single statement, one snapshot.
 */
public final class SqlNotificationStore implements NotificationStore {
    /**
     * At most this many notifications leave a group per add: each add stays short, and after a
     * lowered retention the excess (already invisible, the window reads only {@code retention})
     * goes over the next adds.
     */
    private static final int TRIM_PER_ADD = 100;

    /**
     * The user's window, {@code w}: the newest {@code retention} of theirs and the broadcasts,
     * each side read newest first from the (user_id, id) index, so its cost is bounded by the
     * retention and not the table; and {@code m}: the window with the user's read and removed state.
     * Parameters: user, retention ×3, user ×3.
     */
    private static final String MARKED = """
            WITH w (id) AS (
                SELECT id FROM (SELECT id FROM herald_notify_items WHERE user_id = ?
                                ORDER BY id DESC LIMIT ?) mine
                UNION ALL
                SELECT id FROM (SELECT id FROM herald_notify_items WHERE user_id IS NULL
                                ORDER BY id DESC LIMIT ?) everyone
                ORDER BY id DESC LIMIT ?),
            m (id, is_read, is_removed) AS (
                SELECT w.id,
                       CASE WHEN w.id <= COALESCE(u.read_through, 0) OR r.notification_id IS NOT NULL THEN 1 ELSE 0 END,
                       CASE WHEN w.id <= COALESCE(u.removed_through, 0) OR x.notification_id IS NOT NULL THEN 1 ELSE 0 END
                FROM w
                LEFT JOIN herald_notify_users u ON u.user_id = ?
                LEFT JOIN herald_notify_read r ON r.user_id = ? AND r.notification_id = w.id
                LEFT JOIN herald_notify_removed x ON x.user_id = ? AND x.notification_id = w.id)
            """;

    private static final String LIST = MARKED + """
            SELECT m.id, m.is_read, i.ts, i.user_id, i.type, i.title, i.message, i.action_url, i.action_label,
                   i.auto_remove, i.duration
            FROM m JOIN herald_notify_items i ON i.id = m.id
            WHERE m.is_removed = 0 AND m.id < ? %s
            ORDER BY m.id DESC LIMIT ?
            """;

    private static final String UNREAD_COUNT = MARKED + "SELECT COUNT(*) FROM m WHERE m.is_read = 0 AND m.is_removed = 0";

    /** One id's state if it is in the window (no row if not), and the window's oldest id. */
    private static final String ONE = MARKED + "SELECT m.is_read, m.is_removed, (SELECT MIN(id) FROM w) FROM m WHERE m.id = ?";

    private static final String WINDOW = MARKED + "SELECT m.id, m.is_read, m.is_removed FROM m ORDER BY m.id DESC";

    private static final String LOCK_USER = """
            INSERT INTO herald_notify_users (user_id, read_through, removed_through) VALUES (?, 0, 0)
            ON CONFLICT (user_id) DO UPDATE SET read_through = herald_notify_users.read_through
            RETURNING read_through, removed_through
            """;

    private final Database db;
    private final int retention;

    /** A user's watermarks, read under the lock of their row. */
    private record UserState(long readThrough, long removedThrough) {
    }

    /** One id found in a user's window, with their state of it, and the window's oldest id. */
    private record Found(boolean read, boolean removed, long oldest) {
    }

    /** One notification of a user's window, with their state of it. */
    private record Mark(long id, boolean read, boolean removed) {
    }

    public SqlNotificationStore(Database db, int retention) {
        if (retention < 1) throw new IllegalArgumentException("retention must be at least 1, was " + retention);
        this.db = db;
        this.retention = retention;
    }

    @Override
    public Notification add(NotificationDraft draft, long timestamp) {
        return db.transaction(c -> {
            long id = query(c, "UPDATE herald_notify_counter SET value = value + 1 WHERE name = 'notification' RETURNING value",
                    r -> one(r).getLong(1));
            update(c, """
                    INSERT INTO herald_notify_items
                        (id, user_id, type, title, message, action_url, action_label, auto_remove, duration, ts)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, id, draft.userId(), draft.type().wire(), draft.title(), draft.message(), draft.actionUrl(),
                    draft.actionLabel(), draft.autoRemove() ? 1 : 0, draft.duration(), timestamp);
            String group = draft.isBroadcast() ? "user_id IS NULL" : "user_id = ?";
            String trim = "DELETE FROM herald_notify_items WHERE id IN (SELECT id FROM herald_notify_items WHERE "
                    + group + " ORDER BY id DESC LIMIT ? OFFSET ?)";
            if (draft.isBroadcast()) update(c, trim, TRIM_PER_ADD, retention);
            else update(c, trim, draft.userId(), TRIM_PER_ADD, retention);
            return new Notification(Long.toString(id), timestamp, draft);
        });
    }

    @Override
    public NotificationPage list(String userId, boolean unreadOnly, String beforeId, int limit) {
        long before = beforeId == null ? Long.MAX_VALUE : NotificationIds.parse(beforeId);
        String sql = LIST.formatted(unreadOnly ? "AND m.is_read = 0" : "");
        return db.transaction(c -> query(c, sql, r -> {
            var items = new ArrayList<UserNotification>();
            boolean more = false;
            while (r.next()) {
                if (items.size() == limit) {
                    more = true;
                    break;
                }
                items.add(new UserNotification(notification(r), r.getInt(2) == 1));
            }
            return new NotificationPage(items, more);
        }, marked(userId, before, (long) limit + 1)));
    }

    @Override
    public int unreadCount(String userId) {
        return db.transaction(c -> query(c, UNREAD_COUNT, r -> one(r).getInt(1), marked(userId)));
    }

    @Override
    public Change markRead(String userId, String id) {
        return change(userId, id, true);
    }

    @Override
    public Change remove(String userId, String id) {
        return change(userId, id, false);
    }

    private Change change(String userId, String id, boolean read) {
        long seq = NotificationIds.parse(id);
        if (seq <= 0) return Change.NOT_FOUND;
        return db.transaction(c -> {
            UserState state = lock(c, userId);
            Found one = query(c, ONE, r -> r.next() ? new Found(r.getInt(1) == 1, r.getInt(2) == 1, r.getLong(3)) : null,
                    marked(userId, seq));
            if (one == null || one.removed) return Change.NOT_FOUND;
            if (read && one.read) return Change.UNCHANGED;
            update(c, "INSERT INTO herald_notify_" + (read ? "read" : "removed")
                    + " (user_id, notification_id) VALUES (?, ?)", userId, seq);
            prune(c, userId, state, one.oldest);
            return Change.CHANGED;
        });
    }

    @Override
    public List<String> markAllRead(String userId) {
        return allInWindow(userId, true);
    }

    @Override
    public List<String> removeAll(String userId) {
        return allInWindow(userId, false);
    }

    /**
     * Reads ({@code read}) or removes every notification of the user's window: the ids it
     * changes, and the mark through the newest, so later ones are not covered.
     */
    private List<String> allInWindow(String userId, boolean read) {
        return db.transaction(c -> {
            UserState state = lock(c, userId);
            List<Mark> window = window(c, userId);
            var changed = new ArrayList<String>();
            for (Mark m : window) {
                if (!m.removed && !(read && m.read)) changed.add(Long.toString(m.id));
            }
            long newest = window.isEmpty() ? Long.MIN_VALUE : window.get(0).id;
            if (read && newest > state.readThrough) {
                state = new UserState(newest, state.removedThrough);
                update(c, "UPDATE herald_notify_users SET read_through = ? WHERE user_id = ?", state.readThrough, userId);
            } else if (!read && newest > state.removedThrough) {
                state = new UserState(state.readThrough, newest);
                update(c, "UPDATE herald_notify_users SET removed_through = ? WHERE user_id = ?", state.removedThrough, userId);
            }
            prune(c, userId, state, oldest(window));
            return changed;
        });
    }

    /**
     * Takes the user's row (made on their first change) until the transaction ends: an upsert,
     * because SQLite has no {@code SELECT ... FOR UPDATE}; in PostgreSQL an update that changes
     * nothing still locks the row, and SQLite lets one writer in at a time anyway.
     */
    private static UserState lock(Connection c, String userId) throws SQLException {
        return query(c, LOCK_USER, r -> {
            one(r);
            return new UserState(r.getLong(1), r.getLong(2));
        }, userId);
    }

    /** The user's window, newest first, removed ones included. */
    private List<Mark> window(Connection c, String userId) throws SQLException {
        return query(c, WINDOW, r -> {
            var out = new ArrayList<Mark>();
            while (r.next()) out.add(new Mark(r.getLong(1), r.getInt(2) == 1, r.getInt(3) == 1));
            return out;
        }, marked(userId));
    }

    private static long oldest(List<Mark> window) {
        return window.isEmpty() ? Long.MAX_VALUE : window.get(window.size() - 1).id;
    }

    /**
     * Ids below the window can never be seen again, nor those under a watermark: forget them,
     * so a user's rows stay bounded by the retention. One indexed range per table.
     */
    private static void prune(Connection c, String userId, UserState state, long oldest) throws SQLException {
        update(c, "DELETE FROM herald_notify_read WHERE user_id = ? AND notification_id < ?",
                userId, Math.max(oldest, state.readThrough + 1));
        update(c, "DELETE FROM herald_notify_removed WHERE user_id = ? AND notification_id < ?",
                userId, Math.max(oldest, state.removedThrough + 1));
    }

    /** {@link #MARKED}'s parameters, then the statement's own. */
    private Object[] marked(String userId, Object... more) {
        var all = new ArrayList<Object>(List.of(userId, retention, retention, retention, userId, userId, userId));
        all.addAll(List.of(more));
        return all.toArray();
    }

    private static Notification notification(ResultSet r) throws SQLException {
        var draft = new NotificationDraft(r.getString("title"), r.getString("message"),
                NotificationType.fromWire(r.getString("type")).orElseThrow(), r.getString("user_id"),
                r.getString("action_url"), r.getString("action_label"), r.getInt("auto_remove") == 1, r.getLong("duration"));
        return new Notification(Long.toString(r.getLong("id")), r.getLong("ts"), draft);
    }

    private static ResultSet one(ResultSet r) throws SQLException {
        if (!r.next()) throw new SQLException("expected a row");
        return r;
    }
}
