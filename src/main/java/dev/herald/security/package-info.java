/**
 * Who is calling and what they may do, one sub-package a concern, each using only those
 * below it: {@code identity} (who you are: sessions, JWTs, the caller, sign-in), {@code access}
 * (which topics you may read), {@code limits} (how much you may do: rates and stream counts),
 * {@code streams} (what an open stream holds: its share of the limits, its credential and
 * renewals), {@code signout} (sign-outs kept and heard across nodes), {@code web} (origins,
 * cross-site checks, response headers). Here only {@link dev.herald.security.SecurityChecks},
 * which checks every part's settings at start. Depends on {@code hub}, {@code http},
 * {@code boot}, {@code redis}, {@code store} and {@code liveness}.
 */
package dev.herald.security;
