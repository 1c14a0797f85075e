package dev.herald.security.limits;

import dev.herald.boot.HeraldConfig;

import java.time.Duration;

/** {@code 20/s}, {@code 30/m}, {@code 5/10s}: permits per period, the period a Herald duration. */
public record Rate(int permits, Duration per) {
    public Rate {
        if (permits < 1) throw new IllegalArgumentException("a rate needs at least 1 permit");
        if (per.isZero() || per.isNegative()) throw new IllegalArgumentException("a rate needs a positive period");
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
