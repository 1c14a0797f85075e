package dev.herald.chat;

import java.util.Locale;
import java.util.Optional;

/** What a message carries. {@code system} ("Alice joined") is written only by the server. */
public enum MessageType {
    TEXT, IMAGE, FILE, SYSTEM;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The types a client may post; {@code system} is not one of them. */
    static Optional<MessageType> postable(String wire) {
        return switch (wire) {
            case "text" -> Optional.of(TEXT);
            case "image" -> Optional.of(IMAGE);
            case "file" -> Optional.of(FILE);
            default -> Optional.empty();
        };
    }

    /** Image and file messages point at content elsewhere: they need a URL in their metadata. */
    boolean carriesUrl() {
        return this == IMAGE || this == FILE;
    }
}
