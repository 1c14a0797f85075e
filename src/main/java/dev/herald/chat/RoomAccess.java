package dev.herald.chat;

import dev.herald.http.ProblemException;
import dev.herald.security.identity.Identity;

/**
 * Who may see which room, the one rule every other part of chat asks first: public rooms
 * are for every signed-in user, private ones for their members (404 for no such room, 403
 * for another's private room). It also remembers each caller's name for presence and fan-out.
 */
public final class RoomAccess {
    private final ChatStore store;

    RoomAccess(ChatStore store) {
        this.store = store;
    }

    /** The topic guard of {@code rooms} and {@code chat/…}: signed-in users, members only for private rooms. */
    public void checkTopic(String topic, Identity who) {
        if (who == null) throw ProblemException.unauthorized("chat topics need a signed-in user");
        if (!who.isUser()) throw ProblemException.forbidden("chat topics need a signed-in user");
        remember(who);
        if (topic.equals(ChatTopics.ROOMS)) return;
        String roomId = ChatTopics.roomOf(topic).orElseThrow(() -> ProblemException.notFound("no room '" + topic + "'"));
        visibleRoom(who, roomId);
    }

    /** The room when it exists and the user may see it. */
    Room visibleRoom(Identity who, String roomId) {
        if (!ChatTopics.isRoomId(roomId)) throw ProblemException.notFound("no such room");
        Room room = store.room(roomId).orElseThrow(() -> ProblemException.notFound("no room '" + roomId + "'"));
        if (!room.visibleTo(who.id())) throw ProblemException.forbidden("this private room is for its members only");
        return room;
    }

    void remember(Identity who) {
        store.rememberUser(who.id(), who.name());
    }
}
