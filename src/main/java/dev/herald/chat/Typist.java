package dev.herald.chat;

/** Somebody typing in a room. */
public record Typist(String roomId, String userId, String username) {
}
