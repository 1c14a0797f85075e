package dev.herald.security.limits;

import dev.herald.boot.HeraldConfig;

import java.time.Duration;

/**
 * {@code 20/s}, {@code 30/m}, {@code 5/10s}: permits per period, the period a Herald duration,
 * and how a {@link Throttle}'s bucket of them refills.
 */
public record Rate(int permits, Duration per, Refill refill) {
    /** How taken permits come back. */
    public enum Refill {
        /** One permit every {@code per / permits}: a steady rate after a burst (request rates). */
        GRADUAL,
        /**
         * All permits at once, one period after the first of them was taken: at most
         * {@code permits} within the window that the first one opens (chat's messages).
         */
        WHOLE
    }

    public Rate {
        if (permits < 1) throw new IllegalArgumentException("a rate needs at least 1 permit");
        if (per.isZero() || per.isNegative()) throw new IllegalArgumentException("a rate needs a positive period");
    }

    public Rate(int permits, Duration per) {
        this(permits, per, Refill.GRADUAL);
    }

    /** At most {@code permits} within a window of {@code per} that opens with the first. */
    public static Rate window(int permits, Duration per) {
        return new Rate(permits, per, Refill.WHOLE);
    }

    public static Rate parse(String key, String raw) {
        int slash = raw.indexOf('/');
        if (slash <= 0) throw new IllegalArgumentException(key + ": '" + raw + "' is not a rate (try 20/s, 30/m, 5/10s)");
        String period = raw.substring(slash + 1).strip();
        if (!period.isEmpty() && !Character.isDigit(period.charAt(0)) && !period.startsWith("P")) period = "1" + period;
        try {
            return new Rate(Integer.parseInt(raw.substring(0, slash).strip()),
                    HeraldConfig.parseDuration(key, period));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": '" + raw + "' is not a rate (try 20/s, 30/m, 5/10s)");
        }
    }

    @Override
    public String toString() {
        long ms = per.toMillis();
        return permits + " per " + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms");
    }
}
