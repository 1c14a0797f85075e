/**
 * How much a caller may do. A {@link dev.herald.security.limits.Rate} (permits per period) is
 * enforced per key by a {@link dev.herald.security.limits.Throttle}, this node's or the
 * cluster's; {@link dev.herald.security.limits.RequestThrottles} holds the request rates and
 * {@link dev.herald.security.limits.ThrottleCheck} applies them; chat's message rate is a
 * throttle too. {@link dev.herald.security.limits.StreamLimits} counts open streams, per user and
 * per address in {@link dev.herald.security.limits.StreamCounts}, this node's or the cluster's.
 * Every setting is read by {@link dev.herald.security.limits.LimitSettings}.
 */
package dev.herald.security.limits;
