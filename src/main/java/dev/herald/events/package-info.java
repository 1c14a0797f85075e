/**
 * A capability: the {@code events} topic of notable server events. Plugs in as a
 * {@link dev.herald.api.TopicFamily}; depends on {@code api} and the packages below it.
 */
package dev.herald.events;
