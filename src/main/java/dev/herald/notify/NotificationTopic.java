package dev.herald.notify;

import dev.herald.api.TopicFamily;
import dev.herald.http.ProblemException;
import dev.herald.security.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code notifications} topic: signed-in users only, each seeing broadcasts and their own. */
@ApplicationScoped
public class NotificationTopic implements TopicFamily {

    @Override
    public String topics() {
        return NotificationService.TOPIC;
    }

    @Override
    public void checkAccess(String topic, Identity who) {
        if (who == null) throw ProblemException.unauthorized("notifications need a signed-in user (POST /api/session)");
        if (!who.isUser()) throw ProblemException.forbidden("notifications belong to signed-in users");
    }
}
