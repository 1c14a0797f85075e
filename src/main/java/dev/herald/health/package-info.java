/**
 * MicroProfile Health checks: live, and ready (the hub's broker, the node's database).
 * Depends on {@code hub}, {@code boot} and {@code store}.
 */
package dev.herald.health;
