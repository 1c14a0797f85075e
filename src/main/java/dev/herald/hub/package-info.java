/**
 * The core: the hub that takes events in, fans them out to subscriptions and opens streams
 * (snapshot, replay, live), and the SPIs it is plugged into: {@link dev.herald.hub.Broker}
 * (where events live), {@link dev.herald.hub.Outlet} (where frames go). Depends on no other
 * Herald package; everything else depends on it.
 */
package dev.herald.hub;
