package dev.herald.hub;

/**
 * The broker cannot accept or serve events right now (its store is unreachable).
 * Nothing was accepted; the caller may retry. The HTTP layer answers 503.
 */
public final class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
