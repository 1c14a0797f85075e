package dev.herald.chat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is typing where, and until when. A typing state lives {@code timeout} after
 * its last refresh; {@link #expire} ends the ones past it, so a client that
 * vanished mid-word never leaves "Alice is typing…" behind.
 */
public final class TypingTracker {
    private final long timeoutMillis;
    private final Map<Key, Entry> typing = new ConcurrentHashMap<>();

    public TypingTracker(Duration timeout) {
        this.timeoutMillis = timeout.toMillis();
    }

    /** @return true when this starts typing (announce it), false when it only refreshes */
    public boolean start(Typist who, long nowMillis) {
        return typing.put(new Key(who.roomId(), who.userId()), new Entry(who, nowMillis + timeoutMillis)) == null;
    }

    /** @return the typist when they were typing (announce the stop), else null */
    public Typist stop(String roomId, String userId) {
        Entry e = typing.remove(new Key(roomId, userId));
        return e == null ? null : e.who;
    }

    /** Ends and returns every typing state not refreshed within the timeout. */
    public List<Typist> expire(long nowMillis) {
        var ended = new ArrayList<Typist>();
        for (var e : typing.entrySet()) {
            if (e.getValue().until <= nowMillis && typing.remove(e.getKey(), e.getValue())) ended.add(e.getValue().who);
        }
        return ended;
    }

    private record Key(String roomId, String userId) {
    }

    private record Entry(Typist who, long until) {
    }
}
