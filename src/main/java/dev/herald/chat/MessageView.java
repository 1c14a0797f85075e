package dev.herald.chat;

import jakarta.json.JsonObject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A message as clients see it (docs/api.md, "message"): the id a string, since ids may
 * outgrow what JavaScript's numbers hold exactly; {@code metadata} and {@code clientId}
 * left out when there are none.
 */
@JsonbPropertyOrder({"id", "roomId", "userId", "username", "content", "type", "timestamp", "metadata", "clientId"})
public record MessageView(String id, String roomId, String userId, String username, String content, String type,
                          long timestamp, @JsonbNillable(false) JsonObject metadata, @JsonbNillable(false) String clientId) {

    public static MessageView of(Message m) {
        return new MessageView(Long.toString(m.id()), m.roomId(), m.userId(), m.username(), m.content(), m.type().wire(),
                m.timestamp(), m.metadata(), m.clientId());
    }
}
