package dev.herald.chat;

import java.util.Set;

/**
 * Who is online in which room: a user is online while at least one of their streams
 * is subscribed to the room's topic. Counting streams, not users, keeps a second
 * tab's close from taking a user offline. {@link MemoryPresence} sees one node;
 * {@link RedisPresence} the whole cluster.
 */
public interface Presence {

    /** @return true when the user just came online in the room (on this node) */
    boolean opened(String roomId, String userId);

    /** @return true when the user just went offline in the room (on this node) */
    boolean closed(String roomId, String userId);

    Set<String> online(String roomId);

    int onlineCount(String roomId);

    /** Renews what this node has announced, where entries expire; called every few seconds. */
    default void refresh() {
    }
}
