package dev.herald.chat;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Who is online in which room on this node: a user is online while at least one
 * of their streams is subscribed to the room's topic. Counting streams, not users,
 * keeps a second tab's close from taking a user offline.
 */
public final class Presence {
    private final Map<String, Map<String, Integer>> streams = new HashMap<>();

    /** @return true when the user just came online in the room */
    public synchronized boolean opened(String roomId, String userId) {
        return streams.computeIfAbsent(roomId, r -> new HashMap<>()).merge(userId, 1, Integer::sum) == 1;
    }

    /** @return true when the user just went offline in the room */
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

    public synchronized Set<String> online(String roomId) {
        Map<String, Integer> users = streams.get(roomId);
        return users == null ? Set.of() : Set.copyOf(users.keySet());
    }

    public synchronized int onlineCount(String roomId) {
        Map<String, Integer> users = streams.get(roomId);
        return users == null ? 0 : users.size();
    }
}
