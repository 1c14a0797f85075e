/**
 * A capability: alert rules over the metrics samples it observes (a CDI event), the
 * {@code alerts} topic. Plugs in as a {@link dev.herald.api.TopicFamily}; depends on
 * {@code metrics}, {@code notify}, {@code events}, {@code api} and below.
 */
package dev.herald.alerts;
