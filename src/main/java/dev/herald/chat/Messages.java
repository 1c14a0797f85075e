package dev.herald.chat;

import dev.herald.http.ProblemException;
import dev.herald.security.identity.Identity;
import dev.herald.security.limits.Throttle;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A room's messages: reading its history and posting, with a retry of the same
 * {@code clientId} answered by the first result and a rate per user (429 past it).
 */
public final class Messages {
    public static final int DEFAULT_PAGE = 50;
    public static final int MAX_PAGE = 200;

    private final ChatContext chat;
    private final ChatStore store;
    private final RoomActivity activity;
    private final Throttle rate;
    /** Storing a message and publishing it happen under the room's lock, so stream order is id order. */
    private final Map<String, Object> roomLocks = new ConcurrentHashMap<>();

    Messages(ChatContext chat, RoomActivity activity, Throttle rate) {
        this.chat = chat;
        this.store = chat.store();
        this.activity = activity;
        this.rate = rate;
    }

    public HistoryPage history(Identity who, String roomId, String before, Integer limit) {
        chat.access().visibleRoom(who, roomId);
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) throw ProblemException.invalid("limit", "must be between 1 and " + MAX_PAGE);
        Long beforeId = before == null || before.isEmpty() ? null : MarkRead.messageId("before", before);
        return store.history(roomId, beforeId, size);
    }

    public Appended post(Identity who, String roomId, MessageInput input) {
        chat.access().remember(who);
        Room room = chat.access().visibleRoom(who, roomId);
        if (input.clientId() != null) {
            Optional<Message> first = store.byClientId(roomId, who.id(), input.clientId());
            if (first.isPresent()) return new Appended(first.get(), true);
        }
        rate.take(who.id(), "messages by one user");
        long now = chat.clock().millis();
        var draft = new MessageDraft(roomId, who.id(), who.name(), input.content(), input.type(), input.metadata(), input.clientId());
        Appended appended = appendAndPublish(draft, now);
        if (!appended.duplicate()) {
            // Writing a message means having read the room up to it.
            store.markRead(roomId, who.id(), appended.message().id());
            activity.stopTyping(roomId, who.id());
            chat.fanout().roomUpdated(room);
        }
        return appended;
    }

    /** "Alice joined": written by the server, never rate-limited. */
    void postSystem(Room room, String userId, String username, String text) {
        appendAndPublish(new MessageDraft(room.id(), userId, username, text, MessageType.SYSTEM, null, null), chat.clock().millis());
    }

    private Appended appendAndPublish(MessageDraft draft, long now) {
        synchronized (roomLocks.computeIfAbsent(draft.roomId(), r -> new Object())) {
            Appended appended = store.append(draft, now);
            if (!appended.duplicate()) chat.fanout().message(appended.message());
            return appended;
        }
    }
}
