package dev.herald.chat;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * The one JSON-B of chat: its REST answers and its events are the same records written
 * here, so a room in {@code room_updated} and in {@code GET /api/chat/rooms} cannot differ.
 * Nulls are written ({@code "lastMessage": null} is in the contract); a record leaves out
 * what it must not send as null ({@link MessageView}). Chat writes its answers itself rather
 * than through the JAX-RS provider's JSON-B, whose configuration is every resource's.
 */
final class ChatJson {
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private ChatJson() {
    }

    static String of(Object value) {
        return JSONB.toJson(value);
    }
}
