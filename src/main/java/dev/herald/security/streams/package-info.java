/**
 * What an open stream holds: its share of the stream limits and its credential, with the
 * {@code expiring} notice, renewal ({@code POST /api/streams/{id}/credential}, on any node
 * through {@link dev.herald.security.streams.ClusterStreams}) and the end at expiry or
 * sign-out ({@link dev.herald.security.streams.StreamPolicy}).
 */
package dev.herald.security.streams;
