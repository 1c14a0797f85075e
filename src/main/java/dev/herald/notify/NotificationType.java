package dev.herald.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a notification is styled: the contract's four types, lower case on the wire. */
public enum NotificationType {
    INFO, SUCCESS, WARNING, ERROR;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<NotificationType> fromWire(String text) {
        return Arrays.stream(values()).filter(t -> t.wire().equals(text)).findFirst();
    }
}
