package dev.herald.alerts;

import dev.herald.api.OpenTopic;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code alerts} topic: anyone may follow it. */
@ApplicationScoped
public class AlertsTopic extends OpenTopic {
    public AlertsTopic() {
        super(AlertMonitor.TOPIC);
    }
}
