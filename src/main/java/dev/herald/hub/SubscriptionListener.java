package dev.herald.hub;

/** Told when streams open and close: presence, active users and system events hang off this. */
public interface SubscriptionListener {

    default void opened(Subscription subscription) {
    }

    default void closed(Subscription subscription, DisconnectReason reason) {
    }
}
