package dev.herald.events;

import dev.herald.api.TopicFamily;
import dev.herald.security.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code events} topic: anyone may follow it. */
@ApplicationScoped
public class SystemEventsTopic implements TopicFamily {

    @Override
    public String topics() {
        return SystemEvents.TOPIC;
    }

    @Override
    public void checkAccess(String topic, Identity who) {
        // public: anonymous streams too
    }
}
