package dev.herald.chat;

import java.util.Optional;
import java.util.regex.Pattern;

/** Chat's topic names: {@code rooms} for the per-user room list, {@code chat/{roomId}} per room. */
public final class ChatTopics {
    public static final String ROOMS = "rooms";
    public static final String ROOM_PREFIX = "chat/";
    private static final Pattern ROOM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private ChatTopics() {
    }

    public static String of(String roomId) {
        return ROOM_PREFIX + roomId;
    }

    /** The room of a {@code chat/…} topic, when the id is well formed. */
    public static Optional<String> roomOf(String topic) {
        if (topic == null || !topic.startsWith(ROOM_PREFIX)) return Optional.empty();
        String id = topic.substring(ROOM_PREFIX.length());
        return isRoomId(id) ? Optional.of(id) : Optional.empty();
    }

    public static boolean isRoomId(String id) {
        return id != null && ROOM_ID.matcher(id).matches();
    }
}
