package dev.herald.hub;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A position in the hub's single ordered stream: the hub's epoch, then a
 * Redis-Stream-shaped {@code millis-sequence}. Both brokers use this one shape so
 * a client's id means the same thing whichever broker issued it.
 *
 * <p>Ids are compared only within one epoch: an id from another epoch says nothing
 * about order, which is exactly why the epoch travels inside the id.
 */
public record EventId(String epoch, long millis, long sequence) implements Comparable<EventId> {

    /** Longest id text we ever parse: ids come from clients, so bound them before any regex. */
    public static final int MAX_LENGTH = 64;
    private static final Pattern SHAPE = Pattern.compile("([a-z0-9]{1,24}):(\\d{1,15})-(\\d{1,12})");

    public EventId {
        if (epoch == null || epoch.isEmpty()) throw new IllegalArgumentException("epoch is required");
        if (millis < 0 || sequence < 0) throw new IllegalArgumentException("negative position");
    }

    /** Parses a client-supplied id; anything off-shape is empty, never an exception. */
    public static Optional<EventId> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) return Optional.empty();
        var m = SHAPE.matcher(text);
        if (!m.matches()) return Optional.empty();
        return Optional.of(new EventId(m.group(1), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))));
    }

    public boolean sameEpoch(EventId other) {
        return epoch.equals(other.epoch);
    }

    public boolean isAfter(EventId other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(EventId other) {
        int byMillis = Long.compare(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compare(sequence, other.sequence);
    }

    @Override
    public String toString() {
        return epoch + ":" + millis + "-" + sequence;
    }
}
