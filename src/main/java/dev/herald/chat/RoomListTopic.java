package dev.herald.chat;

import dev.herald.api.TopicFamily;
import dev.herald.http.JsonOut;
import dev.herald.hub.Frame;
import dev.herald.security.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The {@code rooms} topic: each signed-in user's own room list, sent whole when a stream opens. */
@ApplicationScoped
public class RoomListTopic implements TopicFamily {
    @Inject
    Chat chat;

    @Override
    public String topics() {
        return ChatTopics.ROOMS;
    }

    @Override
    public void checkAccess(String topic, Identity who) {
        chat.access().checkTopic(topic, who);
    }

    @Override
    public List<Frame.Snapshot> snapshot(String topic, String userId) {
        return userId == null ? List.of()
                : List.of(new Frame.Snapshot(topic, "rooms_list", JsonOut.of(chat.rooms().roomsList(userId)), System.currentTimeMillis()));
    }
}
