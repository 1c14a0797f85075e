package dev.herald.security.limits;

import dev.herald.boot.HeraldConfig;
import dev.herald.liveness.OpenFiles;

import java.util.Set;

/**
 * Every abuse limit, from configuration. The node's stream limit defaults to what its
 * open-files limit allows ({@link OpenFiles#defaultStreamLimit}). Rates are {@code permits/period}
 * ({@code 20/s}, {@code 30/m}); addresses in {@code exempt} (health checkers,
 * load-test rigs) skip the per-address limits only; behind a proxy the address is the one it forwards.
 */
public record LimitSettings(int streamsPerUser, int streamsPerAddress, int connections,
                     Rate connectRate, Rate publishRate,
                     Rate writeRate, Rate signInRate,
                     Set<String> exempt) {

    public static LimitSettings from(HeraldConfig config) {
        return new LimitSettings(
                positive("herald.limit.streams.per-user", config.integer("herald.limit.streams.per-user")),
                positive("herald.limit.streams.per-address", config.integer("herald.limit.streams.per-address")),
                positive("herald.limit.connections", connections(config)),
                rate(config, "herald.limit.connect.rate"),
                rate(config, "herald.limit.publish.rate"),
                rate(config, "herald.limit.write.rate"),
                rate(config, "herald.limit.signin.rate"),
                config.set("herald.limit.exempt"));
    }

    /** Computed when unset, not in the properties file: only the running node knows its open-files limit. */
    private static int connections(HeraldConfig config) {
        String key = "herald.limit.connections";
        return config.optional(key).map(raw -> HeraldConfig.parseInteger(key, raw)).orElseGet(OpenFiles::defaultStreamLimit);
    }

    private static int positive(String key, int n) {
        if (n < 1) throw new IllegalArgumentException(key + ": must be at least 1");
        return n;
    }

    private static Rate rate(HeraldConfig config, String key) {
        return Rate.parse(key, config.string(key));
    }
}
