/**
 * A capability: rooms, messages, presence and typing on {@code rooms} and {@code chat/…}.
 * Plugs in as two {@link dev.herald.api.TopicFamily} beans; its stores come from
 * {@link dev.herald.boot.Storage}. Depends on {@code api}, {@code events} and below.
 */
package dev.herald.chat;
