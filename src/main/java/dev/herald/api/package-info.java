/**
 * The Java API and the one way a capability plugs in: {@link dev.herald.api.TopicFamily}
 * (topics, access, snapshot, volatile types), {@link dev.herald.api.Herald} to publish,
 * {@link dev.herald.api.HeraldStreams} to serve a stream. Depends on {@code hub},
 * {@code security} and {@code sse}; capabilities depend on it, never the reverse.
 */
package dev.herald.api;
