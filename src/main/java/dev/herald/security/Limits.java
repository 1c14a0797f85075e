package dev.herald.security;

import dev.herald.boot.HeraldConfig;
import dev.herald.liveness.OpenFiles;

import java.util.Set;

/**
 * Every abuse limit, from configuration. The node's stream limit defaults to what its
 * open-files limit allows ({@link OpenFiles#defaultStreamLimit}). Rates are {@code permits/period}
 * ({@code 20/s}, {@code 30/m}); addresses in {@code exempt} (health checkers,
 * load-test rigs) skip the per-address limits only; behind a proxy the address is the one it forwards.
 */
public record Limits(int streamsPerUser, int streamsPerAddress, int connections,
                     Rate connectRate, Rate publishRate,
                     Rate writeRate, Rate signInRate,
                     Set<String> exempt) {

    public static Limits from(HeraldConfig config) {
        return new Limits(
                positive(config, "herald.limit.streams.per-user", 16),
                positive(config, "herald.limit.streams.per-address", 64),
                positive(config, "herald.limit.connections", OpenFiles.defaultStreamLimit()),
                rate(config, "herald.limit.connect.rate", "20/s"),
                rate(config, "herald.limit.publish.rate", "200/s"),
                rate(config, "herald.limit.write.rate", "20/s"),
                rate(config, "herald.limit.signin.rate", "30/m"),
                config.set("herald.limit.exempt", ""));
    }

    private static int positive(HeraldConfig config, String key, int fallback) {
        int n = config.integer(key, fallback);
        if (n < 1) throw new IllegalArgumentException(key + ": must be at least 1");
        return n;
    }

    private static Rate rate(HeraldConfig config, String key, String fallback) {
        return Rate.parse(key, config.string(key, fallback));
    }
}
