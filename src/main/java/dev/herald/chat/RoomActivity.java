package dev.herald.chat;

import dev.herald.security.identity.Identity;

/**
 * Who is in a room right now: typing (announced live, ended when not refreshed in time)
 * and presence (online while a stream of the user follows the room).
 */
public final class RoomActivity {
    private final ChatContext chat;
    private final Presence presence;
    private final TypingTracker typing;
    private final ChatFanout fanout;

    RoomActivity(ChatContext chat, Presence presence) {
        this.chat = chat;
        this.presence = presence;
        this.typing = new TypingTracker(chat.settings().typingTimeout());
        this.fanout = chat.fanout();
    }

    public void typing(Identity who, String roomId, boolean isTyping) {
        chat.access().remember(who);
        chat.access().visibleRoom(who, roomId);
        if (!isTyping) {
            stopTyping(roomId, who.id());
            return;
        }
        var typist = new Typist(roomId, who.id(), who.name());
        if (typing.start(typist, chat.clock().millis())) fanout.typing(typist, true);
    }

    /** The user posted, left or went offline: whatever they were typing is over. */
    void stopTyping(String roomId, String userId) {
        Typist was = typing.stop(roomId, userId);
        if (was != null) fanout.typing(was, false);
    }

    /** Ends typing states nobody refreshed in time; called on a schedule. */
    public void expireTyping() {
        for (Typist t : typing.expire(chat.clock().millis())) fanout.typing(t, false);
    }

    /** Keeps this node's presence entries alive in a shared view; called on a schedule. */
    public void refreshPresence() {
        presence.refresh();
    }

    public PresenceView presence(Identity who, String roomId) {
        chat.access().visibleRoom(who, roomId);
        // Read the position first: anything after it is newer than this snapshot or already in it, never missed.
        String lastEventId = chat.outbox().lastEventId();
        var online = presence.online(roomId).stream().sorted()
                .map(userId -> new PresenceView.Online(userId, chat.store().username(userId).orElse(userId)))
                .toList();
        return new PresenceView(roomId, online, online.size(), lastEventId);
    }

    /** A stream subscribed to a room: the user may have come online there. */
    public void streamOpened(String roomId, String userId) {
        if (presence.opened(roomId, userId)) chat.store().room(roomId).ifPresent(fanout::roomUpdated);
    }

    public void streamClosed(String roomId, String userId) {
        if (presence.closed(roomId, userId)) {
            stopTyping(roomId, userId);
            chat.store().room(roomId).ifPresent(fanout::roomUpdated);
        }
    }
}
