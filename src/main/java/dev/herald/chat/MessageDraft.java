package dev.herald.chat;

import jakarta.json.JsonObject;

/** A message before the store gives it an id and a timestamp. */
public record MessageDraft(String roomId, String userId, String username, String content, MessageType type,
                           JsonObject metadata, String clientId) {

    Message stored(long id, long timestamp) {
        return new Message(id, roomId, userId, username, content, type, metadata, clientId, timestamp);
    }
}
