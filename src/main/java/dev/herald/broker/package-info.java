/**
 * The two implementations of the hub's {@link dev.herald.hub.Broker}: in memory for one
 * node (its retention kept by an {@link dev.herald.broker.EventJournal} in the node's
 * database), and over Redis Streams for a cluster. Depends on {@code hub}, {@code redis}
 * and {@code store} only.
 */
package dev.herald.broker;
