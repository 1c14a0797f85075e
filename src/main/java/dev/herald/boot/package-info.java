/**
 * Start-up: the JAX-RS application, configuration, the hub and broker, and
 * {@link dev.herald.boot.Storage}, the one choice of where state lives and is kept.
 * Depends on {@code hub}, {@code broker}, {@code redis} and {@code store}; never on a capability.
 */
package dev.herald.boot;
