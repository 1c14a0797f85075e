/**
 * How much a caller may do. A {@link dev.herald.security.limits.Rate} (permits per period) is
 * enforced per key by a {@link dev.herald.security.limits.Throttle}, this node's or the
 * cluster's; {@link dev.herald.security.limits.RateLimits} holds the request rates and
 * {@link dev.herald.security.limits.RateLimitCheck} applies them; chat's message rate is a
 * throttle too. {@link dev.herald.security.limits.ConnectionLimits} counts open streams.
 * Every setting is read by {@link dev.herald.security.limits.Limits}.
 */
package dev.herald.security.limits;
