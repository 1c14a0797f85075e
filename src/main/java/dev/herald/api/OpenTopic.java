package dev.herald.api;

import dev.herald.security.identity.Identity;

/**
 * A family that anyone may follow, anonymous streams too ({@code metrics}, {@code alerts},
 * {@code events}): its topics are all it says; snapshot and volatile types as any family's.
 */
public abstract class OpenTopic implements TopicFamily {
    private final String topics;

    protected OpenTopic(String topics) {
        this.topics = topics;
    }

    @Override
    public final String topics() {
        return topics;
    }

    @Override
    public final void checkAccess(String topic, Identity who) {
        // public: anonymous streams too
    }
}
