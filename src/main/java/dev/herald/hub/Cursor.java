package dev.herald.hub;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A stream's position in a hub whose events are ordered per epoch: the newest id it has passed
 * in each. A hub of one order (one node, one Redis) has one epoch, and its cursor is one
 * {@link EventId}, written as that id. A broker that spreads topics over several Redis
 * instances has an order, and an epoch, per instance: ids of different instances say nothing
 * of each other's order, so a stream resumes from every instance's position at once. Written
 * as the ids joined by commas, in epoch order (Nchan's multiplexed channels resume the same way).
 *
 * @param ids at most one per epoch, ordered by epoch
 */
public record Cursor(List<EventId> ids) {
    /** More instances than any deployment spreads topics over; it bounds what a client may send. */
    public static final int MAX_IDS = 16;
    public static final int MAX_LENGTH = MAX_IDS * (EventId.MAX_LENGTH + 1);
    public static final Cursor EMPTY = new Cursor(List.of());
    private static final Comparator<EventId> BY_EPOCH = Comparator.comparing(EventId::epoch);

    public Cursor {
        ids = List.copyOf(ids);
        for (int i = 1; i < ids.size(); i++) {
            if (BY_EPOCH.compare(ids.get(i - 1), ids.get(i)) >= 0) {
                throw new IllegalArgumentException("ids must have distinct epochs, in order: " + ids);
            }
        }
    }

    /** The cursor of one id, or {@link #EMPTY} for none. */
    public static Cursor of(EventId id) {
        return id == null ? EMPTY : new Cursor(List.of(id));
    }

    /** Parses a client's resume point; anything off-shape (or two ids of one epoch) is empty, never an exception. */
    public static Optional<Cursor> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) return Optional.empty();
        String[] parts = text.split(",", MAX_IDS + 1);
        if (parts.length > MAX_IDS) return Optional.empty();
        var ids = new ArrayList<EventId>(parts.length);
        for (String part : parts) {
            Optional<EventId> id = EventId.parse(part);
            if (id.isEmpty()) return Optional.empty();
            ids.add(id.get());
        }
        ids.sort(BY_EPOCH);
        for (int i = 1; i < ids.size(); i++) {
            if (ids.get(i - 1).epoch().equals(ids.get(i).epoch())) return Optional.empty();
        }
        return Optional.of(new Cursor(ids));
    }

    public boolean isEmpty() {
        return ids.isEmpty();
    }

    /** The position in {@code epoch}, or null when this cursor has none there. */
    public EventId in(String epoch) {
        for (EventId id : ids) if (id.epoch().equals(epoch)) return id;
        return null;
    }

    /** Whether {@code id} is past this cursor: newer than its position in the id's epoch, or of an epoch it has none in. */
    public boolean admits(EventId id) {
        EventId mine = in(id.epoch());
        return mine == null || id.isAfter(mine);
    }

    /** This cursor moved to {@code id} in the id's epoch (added when it had no position there). */
    public Cursor at(EventId id) {
        var next = new ArrayList<EventId>(ids.size() + 1);
        boolean placed = false;
        for (EventId mine : ids) {
            int order = BY_EPOCH.compare(mine, id);
            if (order == 0) {
                next.add(id);
                placed = true;
                continue;
            }
            if (order > 0 && !placed) {
                next.add(id);
                placed = true;
            }
            next.add(mine);
        }
        if (!placed) next.add(id);
        return new Cursor(next);
    }

    /** This cursor with every position of {@code other} put in place of its own. */
    public Cursor at(Cursor other) {
        Cursor moved = this;
        for (EventId id : other.ids) moved = moved.at(id);
        return moved;
    }

    /** Whether some position of {@code later} is newer than this cursor's in the same epoch. */
    public boolean isBehind(Cursor later) {
        for (EventId id : later.ids) {
            EventId mine = in(id.epoch());
            if (mine != null && id.isAfter(mine)) return true;
        }
        return false;
    }

    @Override
    public String toString() {
        if (ids.size() == 1) return ids.get(0).toString();
        var sb = new StringBuilder(ids.size() * 32);
        for (EventId id : ids) {
            if (sb.length() > 0) sb.append(',');
            sb.append(id);
        }
        return sb.toString();
    }
}
