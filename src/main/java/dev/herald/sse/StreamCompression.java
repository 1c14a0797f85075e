package dev.herald.sse;

import dev.herald.boot.HeraldConfig;

import java.util.Locale;

/**
 * Whether the servlet transport gzips a stream for a client that asks:
 * {@code herald.stream.compression} is {@code gzip} (the default) or {@code off}.
 */
final class StreamCompression {
    static final String KEY = "herald.stream.compression";

    private StreamCompression() {
    }

    /** The configured setting; an unknown value stops the stream servlet rather than guessing. */
    static boolean enabled(HeraldConfig config) {
        String raw = config.string(KEY).toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "gzip" -> true;
            case "off" -> false;
            default -> throw new IllegalStateException(KEY + " must be 'gzip' or 'off', not '" + raw + "'");
        };
    }

    /**
     * Whether an {@code Accept-Encoding} header accepts gzip: {@code gzip}, {@code x-gzip} or
     * {@code *}, with no {@code q=0}. A {@code gzip;q=0} says no even beside {@code *}.
     */
    static boolean accepts(String acceptEncoding) {
        if (acceptEncoding == null || acceptEncoding.length() > 1024) return false;
        boolean any = false;
        for (String part : acceptEncoding.split(",")) {
            String[] pieces = part.split(";");
            String coding = pieces[0].strip().toLowerCase(Locale.ROOT);
            boolean refused = false;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].strip().toLowerCase(Locale.ROOT);
                if (param.startsWith("q=")) refused = zero(param.substring(2).strip());
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) return !refused;
            if (coding.equals("*")) any = !refused;
        }
        return any;
    }

    private static boolean zero(String q) {
        try {
            return Double.parseDouble(q) <= 0;
        } catch (NumberFormatException malformed) {
            return true;
        }
    }
}
