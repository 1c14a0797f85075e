package dev.herald.docs;

/** A recipe that failed, or showed otherwise than its docs say; the message names it and shows what it printed. */
final class RecipeFailure extends AssertionError {
    RecipeFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
