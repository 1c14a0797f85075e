/**
 * Redis plumbing shared by the broker and every Redis-backed store: the node's pooled
 * connections, their settings, Lua scripts run by SHA. Depends on no other Herald package.
 */
package dev.herald.redis;
