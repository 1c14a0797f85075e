package dev.herald.chat;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.util.List;

/**
 * Who is online in a room, and the position of the stream this answer is as new as
 * ({@code lastEventId}, null before the hub's first event).
 */
@JsonbPropertyOrder({"roomId", "online", "count", "lastEventId"})
public record PresenceView(String roomId, List<Online> online, int count, String lastEventId) {

    @JsonbPropertyOrder({"userId", "username"})
    public record Online(String userId, String username) {
    }
}
