package dev.herald.http;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Optional;

/** Typed, bounded reads of JSON fields; each failure names the field and the reason. */
public final class Fields {
    private Fields() {
    }

    /** A string field that must be present: trimmed, then {@code min}–{@code max} characters. */
    public static String text(JsonObject o, String field, int min, int max) {
        return optionalText(o, field, min, max)
                .orElseThrow(() -> ProblemException.invalid(field, "is required"));
    }

    public static Optional<String> optionalText(JsonObject o, String field, int min, int max) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) return Optional.empty();
        if (!(v instanceof JsonString s)) throw ProblemException.invalid(field, "must be a string");
        String value = s.getString().strip();
        int length = value.codePointCount(0, value.length());
        if (length < min) throw ProblemException.invalid(field, min == 1 ? "must not be empty" : "must be at least " + min + " characters");
        if (length > max) throw ProblemException.invalid(field, "must be at most " + max + " characters");
        if (value.codePoints().anyMatch(Fields::isForbiddenControl)) {
            throw ProblemException.invalid(field, "must not contain control characters (tabs and line breaks aside)");
        }
        return Optional.of(value);
    }

    public static Optional<Boolean> optionalBoolean(JsonObject o, String field) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) return Optional.empty();
        if (v == JsonValue.TRUE) return Optional.of(true);
        if (v == JsonValue.FALSE) return Optional.of(false);
        throw ProblemException.invalid(field, "must be true or false");
    }

    public static boolean requiredBoolean(JsonObject o, String field) {
        return optionalBoolean(o, field).orElseThrow(() -> ProblemException.invalid(field, "is required"));
    }

    public static Optional<Long> optionalLong(JsonObject o, String field, long min, long max) {
        JsonValue v = o.get(field);
        if (v == null || v == JsonValue.NULL) return Optional.empty();
        if (!(v instanceof JsonNumber n) || !n.isIntegral()) throw ProblemException.invalid(field, "must be a whole number");
        long value;
        try {
            value = n.longValueExact();
        } catch (ArithmeticException e) {
            throw ProblemException.invalid(field, "must be between " + min + " and " + max);
        }
        if (value < min || value > max) throw ProblemException.invalid(field, "must be between " + min + " and " + max);
        return Optional.of(value);
    }

    /**
     * No typed text holds NUL, escape or other control characters; they only ever come
     * from attacks on whatever reads the text next (terminals, logs, parsers).
     */
    private static boolean isForbiddenControl(int c) {
        return Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t';
    }

    /** Client text for an error message, with control characters and length defused. */
    public static String printable(String s) {
        String cut = s.length() > 40 ? s.substring(0, 40) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
