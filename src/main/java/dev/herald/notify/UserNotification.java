package dev.herald.notify;

/** A notification as one user sees it: with their read state. */
public record UserNotification(Notification notification, boolean read) {
}
