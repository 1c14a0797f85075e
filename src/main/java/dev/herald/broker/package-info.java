/**
 * The two implementations of the hub's {@link dev.herald.hub.Broker}: in memory for one
 * node, and over Redis Streams for a cluster. Depends on {@code hub} and {@code redis} only.
 */
package dev.herald.broker;
