/**
 * A capability: {@code POST /api/publish} (one event or a batch) and {@code custom/} topics, and the admin actions.
 * Plugs in as a {@link dev.herald.api.TopicFamily}; depends on {@code api}, {@code events}
 * and the packages below them.
 */
package dev.herald.publish;
