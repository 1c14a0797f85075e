/**
 * The stream to clients ({@code GET /api/events}): admission, the servlet and JAX-RS
 * transports, and the encoder of event-stream bytes. Depends on {@code hub}, {@code http},
 * {@code boot}, {@code security} and {@code liveness}; never on a capability.
 */
package dev.herald.sse;
