package dev.herald.chat;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/** The {@code chat/{roomId}} topics: a room's messages, members and typing, for those who may see the room. */
@ApplicationScoped
public class RoomTopics extends RoomFamily {
    @Override
    public String topics() {
        return ChatTopics.ROOM_PREFIX;
    }

    @Override
    public Set<String> volatileTypes() {
        return Set.of(ChatFanout.TYPING_START, ChatFanout.TYPING_STOP);
    }
}
