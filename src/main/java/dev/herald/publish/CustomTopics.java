package dev.herald.publish;

import dev.herald.api.TopicFamily;
import dev.herald.http.ProblemException;
import dev.herald.hub.Topics;
import dev.herald.security.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code custom/…} topics that publishers make up as they go: anyone may follow one with a well-formed name. */
@ApplicationScoped
public class CustomTopics implements TopicFamily {

    @Override
    public String topics() {
        return "custom/";
    }

    @Override
    public void checkAccess(String topic, Identity who) {
        if (!Topics.isCustom(topic)) throw ProblemException.invalid("topic", "custom topic names are 1-200 of A-Za-z0-9._:/-");
    }
}
