/**
 * Start-up: the JAX-RS application, configuration, the hub and broker, and
 * {@link dev.herald.boot.Storage}, the one memory-or-Redis choice. Depends on {@code hub},
 * {@code broker} and {@code redis}; never on a capability.
 */
package dev.herald.boot;
