package dev.herald.security.access;

import dev.herald.http.ProblemException;
import dev.herald.hub.Topics;
import dev.herald.security.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may read which topic. Exact topics first, then prefixes ending in '/'.
 * A topic no capability claims is unknown: 400, not an empty stream. Every family's
 * guard comes from its {@code dev.herald.api.TopicFamily}, registered at start.
 */
@ApplicationScoped
public class TopicAccess {
    private final Map<String, TopicGuard> guards = new ConcurrentHashMap<>();

    public void register(String topicOrPrefix, TopicGuard guard) {
        guards.put(topicOrPrefix, guard);
    }

    /** Whether some capability claims the topic, so that it can be subscribed to at all. */
    public boolean isServed(String topic) {
        return Topics.isValid(topic) && guard(topic) != null;
    }

    public void check(String topic, Identity who) {
        if (!Topics.isValid(topic)) throw ProblemException.invalid("topic", "is not a valid topic name");
        TopicGuard guard = guard(topic);
        if (guard == null) throw ProblemException.invalid("topic", "unknown topic '" + topic + "'");
        guard.check(topic, who);
    }

    private TopicGuard guard(String topic) {
        TopicGuard guard = guards.get(topic);
        if (guard == null) {
            int slash = topic.indexOf('/');
            if (slash > 0) guard = guards.get(topic.substring(0, slash + 1));
        }
        return guard;
    }
}
