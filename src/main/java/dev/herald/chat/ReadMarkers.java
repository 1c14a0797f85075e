package dev.herald.chat;

import dev.herald.http.ProblemException;
import dev.herald.security.identity.Identity;

/** How far each user has read a room: the marker only moves forward, and their unread count follows it. */
public final class ReadMarkers {
    private final ChatContext chat;

    ReadMarkers(ChatContext chat) {
        this.chat = chat;
    }

    public ReadState read(Identity who, String roomId, MarkRead mark) {
        chat.access().remember(who);
        Room room = chat.access().visibleRoom(who, roomId);
        long newest = chat.store().latest(roomId).map(Message::id).orElse(0L);
        if (mark.lastReadId() > newest) throw ProblemException.invalid("lastReadId", "no such message in this room");
        long marker = chat.store().markRead(roomId, who.id(), mark.lastReadId());
        chat.fanout().roomUpdated(room, who.id());
        return new ReadState(roomId, Long.toString(marker), room.hasMember(who.id()) ? chat.store().unreadCount(roomId, who.id()) : 0);
    }
}
