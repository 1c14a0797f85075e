package dev.herald.security.access;

import dev.herald.security.identity.Identity;

/**
 * Decides whether a caller may subscribe to a topic. A capability registers one
 * for the topics it owns; it throws a problem (401, 403, 404) to refuse.
 */
@FunctionalInterface
public interface TopicGuard {
    TopicGuard PUBLIC = (topic, who) -> { };

    /** @param who the caller, or null when anonymous */
    void check(String topic, Identity who);
}
