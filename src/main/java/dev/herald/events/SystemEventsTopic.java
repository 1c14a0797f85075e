package dev.herald.events;

import dev.herald.api.OpenTopic;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code events} topic: anyone may follow it. */
@ApplicationScoped
public class SystemEventsTopic extends OpenTopic {
    public SystemEventsTopic() {
        super(SystemEvents.TOPIC);
    }
}
