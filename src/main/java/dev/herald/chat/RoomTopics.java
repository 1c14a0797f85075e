package dev.herald.chat;

import dev.herald.api.TopicFamily;
import dev.herald.security.identity.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Set;

/** The {@code chat/{roomId}} topics: a room's messages, members and typing, for those who may see the room. */
@ApplicationScoped
public class RoomTopics implements TopicFamily {
    @Inject
    Chat chat;

    @Override
    public String topics() {
        return ChatTopics.ROOM_PREFIX;
    }

    @Override
    public void checkAccess(String topic, Identity who) {
        chat.access().checkTopic(topic, who);
    }

    @Override
    public Set<String> volatileTypes() {
        return Set.of(ChatFanout.TYPING_START, ChatFanout.TYPING_STOP);
    }
}
