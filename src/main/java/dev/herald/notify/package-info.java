/**
 * A capability: notifications on {@code notifications}, stored per user (in the node's database, Redis, or memory: {@code herald.store}).
 * Plugs in as a {@link dev.herald.api.TopicFamily}; depends on {@code api} and below.
 */
package dev.herald.notify;
