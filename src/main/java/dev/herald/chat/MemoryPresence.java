package dev.herald.chat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who is online in which room on this node: a user is online while at least one
 * of their streams is subscribed to the room's topic. Counting streams, not users,
 * keeps a second tab's close from taking a user offline.
 */
public final class MemoryPresence implements Presence {
    private final Map<String, Map<String, Integer>> streams = new HashMap<>();

    @Override
    public synchronized boolean opened(String roomId, String userId) {
        return streams.computeIfAbsent(roomId, r -> new HashMap<>()).merge(userId, 1, Integer::sum) == 1;
    }

    @Override
    public synchronized boolean closed(String roomId, String userId) {
        Map<String, Integer> users = streams.get(roomId);
        if (users == null || !users.containsKey(userId)) return false;
        boolean gone = users.merge(userId, -1, Integer::sum) <= 0;
        if (gone) {
            users.remove(userId);
            if (users.isEmpty()) streams.remove(roomId);
        }
        return gone;
    }

    @Override
    public synchronized Set<String> online(String roomId) {
        Map<String, Integer> users = streams.get(roomId);
        return users == null ? Set.of() : Set.copyOf(users.keySet());
    }

    /** Every room with the users online in it on this node. */
    public synchronized Map<String, Set<String>> entries() {
        var out = new HashMap<String, Set<String>>();
        streams.forEach((room, users) -> out.put(room, Set.copyOf(users.keySet())));
        return out;
    }

    @Override
    public synchronized int onlineCount(String roomId) {
        Map<String, Integer> users = streams.get(roomId);
        return users == null ? 0 : users.size();
    }
}
