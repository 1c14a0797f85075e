package dev.herald.boot;

import dev.herald.hub.HubSettings;
import dev.herald.hub.RetentionPolicy;
import dev.herald.hub.RetentionRules;
import dev.herald.redis.RedisSettings;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every {@code herald.*} knob, read through MicroProfile Config (so
 * {@code HERALD_HEARTBEAT_INTERVAL} and friends override from the environment).
 * The defaults are in {@code META-INF/microprofile-config.properties}, not here: a key
 * without a value there has none, or one computed at start by the code that reads it.
 * Durations take {@code 15s}, {@code 500ms}, {@code 1h} or ISO-8601.
 */
public final class HeraldConfig {
    /** The shipped publisher token, which anyone can read: a warning in dev mode, a refusal in jwt mode. */
    public static final String DEFAULT_PUBLISHER_TOKEN = "dev-publisher-token";
    private static final String NODE_ID = defaultNodeId();

    /** A key's raw value; MicroProfile Config in the server, the properties file alone in unit tests. */
    private final Function<String, Optional<String>> values;

    public HeraldConfig(Function<String, Optional<String>> values) {
        this.values = values;
    }

    /** The key's value, if set and not blank. */
    public Optional<String> optional(String key) {
        return values.apply(key).map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A key with a default in {@code microprofile-config.properties}: set blank, it is missing. */
    public String string(String key) {
        return optional(key).orElseThrow(() -> new IllegalArgumentException(
                key + ": no value (a blank setting hides the default of META-INF/microprofile-config.properties)"));
    }

    /**
     * This node's name in the cluster's presence and metrics: {@code herald.node.id}, else host
     * and process, computed here because no file can know them.
     */
    public String nodeId() {
        return optional("herald.node.id").orElse(NODE_ID);
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    public int integer(String key) {
        return parseInteger(key, string(key));
    }

    public static int parseInteger(String key, String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + raw + "' is not a whole number");
        }
    }

    public Duration duration(String key) {
        return parseDuration(key, string(key));
    }

    /** A list; unset, it is empty. */
    public Set<String> set(String key) {
        return Arrays.stream(optional(key).orElse("").split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }

    public static Duration parseDuration(String key, String raw) {
        try {
            if (raw.startsWith("P") || raw.startsWith("p")) return Duration.parse(raw);
            if (raw.endsWith("ms")) return Duration.ofMillis(Long.parseLong(raw.substring(0, raw.length() - 2)));
            long n = Long.parseLong(raw.substring(0, raw.length() - 1));
            return switch (raw.charAt(raw.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> Duration.ofMillis(Long.parseLong(raw));
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + ": '" + raw + "' is not a duration (try 15s, 500ms, 1h)");
        }
    }

    public HubSettings hubSettings() {
        return new HubSettings(
                integer("herald.queue.capacity"),
                duration("herald.heartbeat.interval"),
                duration("herald.retry").toMillis(),
                set("herald.volatile.types"),
                integer("herald.max.topics"),
                integer("herald.writer.threads"));
    }

    public RetentionRules retentionRules() {
        var fallback = new RetentionPolicy(integer("herald.retention.count"), duration("herald.retention.age"), false);
        return RetentionRules.parse(fallback, string("herald.retention.rules"));
    }

    public RedisSettings redisSettings() {
        return redisSettings("herald.redis.url", string("herald.redis.url"));
    }

    /**
     * The Redis instances events are spread over ({@code herald.redis.shards}, comma-separated), or
     * none: events then live with everything else at {@code herald.redis.url}.
     */
    public List<RedisSettings> redisShards() {
        return optional("herald.redis.shards").stream().flatMap(list -> Arrays.stream(list.split(","))).map(String::trim).filter(s -> !s.isEmpty())
                .map(url -> redisSettings("herald.redis.shards", url)).toList();
    }

    private RedisSettings redisSettings(String key, String url) {
        try {
            return new RedisSettings(URI.create(url), string("herald.redis.prefix"),
                    integer("herald.redis.pool"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("herald.redis.pool") ? e.getMessage()
                    : key + ": '" + url + "' is not redis://host:port", e);
        }
    }

    public String publisherToken() {
        return string("herald.publisher.token");
    }
}
