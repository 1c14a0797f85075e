package dev.herald.notify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notifications of one node, in memory. Broadcasts are kept once, not copied into
 * every inbox, so a user who signs in later still sees them; each user's state is a
 * pair of watermarks ("read/removed everything up to here", set by read-all and
 * clear-all) plus the ids read or removed one by one above them.
 */
public final class MemoryNotificationStore implements NotificationStore {
    private final int retention;
    private long sequence;
    /** Newest first, at most {@code retention}: no user can see more broadcasts than that. */
    private final Deque<Entry> broadcasts = new ArrayDeque<>();
    private final Map<String, Deque<Entry>> addressed = new HashMap<>();
    private final Map<String, UserState> users = new HashMap<>();

    private record Entry(long seq, Notification notification) {
    }

    private static final class UserState {
        long readThrough;
        long removedThrough;
        final Set<Long> read = new HashSet<>();
        final Set<Long> removed = new HashSet<>();

        boolean isRead(long seq) {
            return seq <= readThrough || read.contains(seq);
        }

        boolean isRemoved(long seq) {
            return seq <= removedThrough || removed.contains(seq);
        }
    }

    public MemoryNotificationStore(int retention) {
        if (retention < 1) throw new IllegalArgumentException("retention must be at least 1, was " + retention);
        this.retention = retention;
    }

    @Override
    public synchronized Notification add(NotificationDraft draft, long timestamp) {
        long seq = ++sequence;
        var notification = new Notification(Long.toString(seq), timestamp, draft);
        Deque<Entry> into = draft.isBroadcast() ? broadcasts : addressed.computeIfAbsent(draft.userId(), u -> new ArrayDeque<>());
        into.addFirst(new Entry(seq, notification));
        while (into.size() > retention) into.removeLast();
        return notification;
    }

    @Override
    public synchronized NotificationPage list(String userId, boolean unreadOnly, String beforeId, int limit) {
        long before = beforeId == null ? Long.MAX_VALUE : NotificationIds.parse(beforeId);
        UserState state = users.get(userId);
        var items = new ArrayList<UserNotification>();
        boolean more = false;
        for (Entry e : window(userId)) {
            if (e.seq >= before || isRemoved(state, e.seq)) continue;
            boolean read = state != null && state.isRead(e.seq);
            if (unreadOnly && read) continue;
            if (items.size() == limit) {
                more = true;
                break;
            }
            items.add(new UserNotification(e.notification, read));
        }
        return new NotificationPage(items, more);
    }

    @Override
    public synchronized int unreadCount(String userId) {
        UserState state = users.get(userId);
        int n = 0;
        for (Entry e : window(userId)) {
            if (!isRemoved(state, e.seq) && (state == null || !state.isRead(e.seq))) n++;
        }
        return n;
    }

    @Override
    public synchronized Change markRead(String userId, String id) {
        long seq = NotificationIds.parse(id);
        if (!visible(userId, seq)) return Change.NOT_FOUND;
        UserState state = state(userId);
        if (state.isRead(seq)) return Change.UNCHANGED;
        state.read.add(seq);
        prune(userId, state);
        return Change.CHANGED;
    }

    @Override
    public synchronized List<String> markAllRead(String userId) {
        return allInWindow(userId, true);
    }

    @Override
    public synchronized Change remove(String userId, String id) {
        long seq = NotificationIds.parse(id);
        if (!visible(userId, seq)) return Change.NOT_FOUND;
        UserState state = state(userId);
        state.removed.add(seq);
        prune(userId, state);
        return Change.CHANGED;
    }

    @Override
    public synchronized List<String> removeAll(String userId) {
        return allInWindow(userId, false);
    }

    /**
     * Reads ({@code read}) or removes every notification of the user's window: the ids it
     * changes, and the mark through the newest, so later ones are not covered.
     */
    private List<String> allInWindow(String userId, boolean read) {
        UserState state = state(userId);
        var changed = new ArrayList<String>();
        List<Entry> window = window(userId);
        for (Entry e : window) {
            if (!state.isRemoved(e.seq) && !(read && state.isRead(e.seq))) changed.add(e.notification.id());
        }
        if (!window.isEmpty()) {
            long newest = window.get(0).seq;
            if (read) state.readThrough = Math.max(state.readThrough, newest);
            else state.removedThrough = Math.max(state.removedThrough, newest);
        }
        prune(userId, state);
        return changed;
    }

    /** The user's newest {@code retention} notifications, removed ones included, newest first. */
    private List<Entry> window(String userId) {
        Iterator<Entry> mine = addressed.getOrDefault(userId, new ArrayDeque<>()).iterator();
        Iterator<Entry> all = broadcasts.iterator();
        Entry a = next(mine);
        Entry b = next(all);
        var out = new ArrayList<Entry>();
        while (out.size() < retention && (a != null || b != null)) {
            if (b == null || (a != null && a.seq > b.seq)) {
                out.add(a);
                a = next(mine);
            } else {
                out.add(b);
                b = next(all);
            }
        }
        return out;
    }

    private boolean visible(String userId, long seq) {
        if (seq <= 0) return false;
        UserState state = users.get(userId);
        for (Entry e : window(userId)) {
            if (e.seq == seq) return !isRemoved(state, seq);
        }
        return false;
    }

    /** Ids below the window can never be seen again: forget them, so state stays bounded per user. */
    private void prune(String userId, UserState state) {
        List<Entry> window = window(userId);
        long oldest = window.isEmpty() ? Long.MAX_VALUE : window.get(window.size() - 1).seq;
        state.read.removeIf(seq -> seq < oldest || seq <= state.readThrough);
        state.removed.removeIf(seq -> seq < oldest || seq <= state.removedThrough);
    }

    private UserState state(String userId) {
        return users.computeIfAbsent(userId, u -> new UserState());
    }

    private static boolean isRemoved(UserState state, long seq) {
        return state != null && state.isRemoved(seq);
    }

    private static Entry next(Iterator<Entry> it) {
        return it.hasNext() ? it.next() : null;
    }
}
