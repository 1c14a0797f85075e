/**
 * A capability: notifications on {@code notifications}, stored per user (memory or Redis).
 * Plugs in as a {@link dev.herald.api.TopicFamily}; depends on {@code api} and below.
 */
package dev.herald.notify;
