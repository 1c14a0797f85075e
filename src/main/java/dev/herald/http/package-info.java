/**
 * What every REST resource shares: problem JSON, strict bounded JSON bodies, field checks.
 * Depends on {@code hub} only (to answer 503 when the broker is unavailable).
 */
package dev.herald.http;
