package dev.herald.metrics;

import java.util.HashSet;
import java.util.Set;

/**
 * Who is watching: distinct signed-in callers with at least one open stream (a user
 * with three tabs is one), and streams opened without signing in, which cannot be
 * told apart and so are counted as connections.
 */
public record Audience(int users, int anonymousConnections) {

    /** @param streamUserIds the user of each open stream, null for an anonymous one */
    public static Audience of(Iterable<String> streamUserIds) {
        Set<String> users = new HashSet<>();
        int anonymous = 0;
        for (String id : streamUserIds) {
            if (id == null) anonymous++;
            else users.add(id);
        }
        return new Audience(users.size(), anonymous);
    }
}
