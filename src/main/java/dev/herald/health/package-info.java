/**
 * MicroProfile Health checks: live and ready. Depends on {@code hub} only.
 */
package dev.herald.health;
