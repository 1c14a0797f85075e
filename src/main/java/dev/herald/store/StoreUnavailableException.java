package dev.herald.store;

/**
 * The database could not take or serve a request right now (unreachable, full, busy).
 * The transaction was rolled back, so nothing changed; the HTTP layer answers 503 with
 * {@code Retry-After}, and the same request succeeds once the database is back.
 */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
