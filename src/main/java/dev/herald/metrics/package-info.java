/**
 * A capability: the {@code metrics} topic, request timing, Prometheus gauges. Plugs in as a
 * {@link dev.herald.api.TopicFamily} and fires each published sample as a CDI event; depends
 * on {@code api} and below, never on {@code alerts}.
 */
package dev.herald.metrics;
