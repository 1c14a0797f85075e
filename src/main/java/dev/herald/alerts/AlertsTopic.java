package dev.herald.alerts;

import dev.herald.api.TopicFamily;
import dev.herald.security.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code alerts} topic: anyone may follow it. */
@ApplicationScoped
public class AlertsTopic implements TopicFamily {

    @Override
    public String topics() {
        return AlertMonitor.TOPIC;
    }

    @Override
    public void checkAccess(String topic, Identity who) {
        // public: anonymous streams too
    }
}
