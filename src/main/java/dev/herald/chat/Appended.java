package dev.herald.chat;

/**
 * The outcome of storing a message.
 *
 * @param duplicate true when the clientId was seen before: {@code message} is the first result, nothing new was stored
 */
public record Appended(Message message, boolean duplicate) {
}
