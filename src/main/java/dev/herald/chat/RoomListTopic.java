package dev.herald.chat;

import dev.herald.http.JsonOut;
import dev.herald.hub.Frame;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The {@code rooms} topic: each signed-in user's own room list, sent whole when a stream opens. */
@ApplicationScoped
public class RoomListTopic extends RoomFamily {
    @Override
    public String topics() {
        return ChatTopics.ROOMS;
    }

    @Override
    public List<Frame.Snapshot> snapshot(String topic, String userId) {
        return userId == null ? List.of()
                : List.of(new Frame.Snapshot(topic, "rooms_list", JsonOut.of(chat.rooms().roomsList(userId)), System.currentTimeMillis()));
    }
}
