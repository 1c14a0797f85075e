package dev.herald.hub;

/** Builds the one-line JSON envelope of the contract by hand: this sits on the publish path. */
public final class Envelope {
    private Envelope() {
    }

    public static String json(EventId id, String topic, String type, long timestamp, String data) {
        var sb = new StringBuilder(64 + data.length());
        sb.append('{');
        if (id != null) {
            sb.append("\"id\":");
            quote(sb, id.toString());
            sb.append(',');
        }
        sb.append("\"topic\":");
        quote(sb, topic);
        sb.append(",\"type\":");
        quote(sb, type);
        sb.append(",\"timestamp\":").append(timestamp);
        sb.append(",\"data\":");
        appendOneLine(sb, data);
        return sb.append('}').toString();
    }

    /**
     * Appends the payload with any raw CR or LF turned into a space. In valid JSON they
     * can only be whitespace between tokens (inside strings they must be escaped), so
     * the meaning is unchanged, while pretty-printed data could otherwise break the
     * envelope's one {@code data:} line and let a payload forge SSE fields.
     */
    private static void appendOneLine(StringBuilder sb, String data) {
        if (data.indexOf('\n') < 0 && data.indexOf('\r') < 0) {
            sb.append(data);
            return;
        }
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            sb.append(c == '\n' || c == '\r' ? ' ' : c);
        }
    }

    /**
     * JSON string quoting. Every control character is escaped, so no text a user
     * typed can ever put a raw newline (and with it a forged SSE line) on the wire.
     */
    public static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }

    public static String quote(String s) {
        return quote(new StringBuilder(s.length() + 2), s).toString();
    }
}
