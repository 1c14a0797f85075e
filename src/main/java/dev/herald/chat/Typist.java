package dev.herald.chat;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** Somebody typing in a room; as it stands, the data of {@code typing_start} and {@code typing_stop}. */
@JsonbPropertyOrder({"roomId", "userId", "username"})
public record Typist(String roomId, String userId, String username) {
}
