/**
 * Who is calling and what they may do: credentials, sessions, JWTs, topic access, rate and
 * connection limits, revocations, CSRF and security headers. Depends on {@code hub},
 * {@code http}, {@code boot}, {@code redis} and {@code liveness}.
 */
package dev.herald.security;
