package dev.herald.embed.shop;

import dev.herald.api.TopicFamily;
import dev.herald.http.ProblemException;
import dev.herald.hub.Frame;
import dev.herald.security.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** A topic family of the application: {@code shop/open} for anyone, with the shop's state as a snapshot; no other shop topic exists. */
@ApplicationScoped
public class ShopTopics implements TopicFamily {
    @Override
    public String topics() {
        return "shop/";
    }

    @Override
    public void checkAccess(String topic, Identity who) {
        if (!topic.equals("shop/open")) throw ProblemException.notFound("no such shop topic");
    }

    @Override
    public List<Frame.Snapshot> snapshot(String topic, String userId) {
        return List.of(new Frame.Snapshot(topic, "hours", "{\"opens\":\"09:00\",\"closes\":\"18:00\"}", System.currentTimeMillis()));
    }
}
