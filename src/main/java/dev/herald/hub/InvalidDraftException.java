package dev.herald.hub;

/** A draft's topic or type breaks the grammar of {@link Topics}; {@link #field} says which. */
public final class InvalidDraftException extends IllegalArgumentException {
    private final String field;

    InvalidDraftException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** {@code topic} or {@code type}. */
    public String field() {
        return field;
    }
}
