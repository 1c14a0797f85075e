package dev.herald.store;

/** The node cannot open its data and must not start without it; the message says what to do. */
public final class StoreStartException extends RuntimeException {
    public StoreStartException(String message) {
        super(message);
    }

    public StoreStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
