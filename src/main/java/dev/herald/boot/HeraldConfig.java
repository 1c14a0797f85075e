package dev.herald.boot;

import dev.herald.hub.HubSettings;
import dev.herald.hub.RetentionPolicy;
import dev.herald.hub.RetentionRules;
import dev.herald.redis.RedisSettings;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every {@code herald.*} knob, read through MicroProfile Config (so
 * {@code HERALD_HEARTBEAT_INTERVAL} and friends override from the environment).
 * Durations take {@code 15s}, {@code 500ms}, {@code 1h} or ISO-8601.
 */
public final class HeraldConfig {
    public static final String DEFAULT_PUBLISHER_TOKEN = "dev-publisher-token";
    private static final String NODE_ID = defaultNodeId();

    private final Config config;

    public HeraldConfig(Config config) {
        this.config = config;
    }

    public static HeraldConfig current() {
        return new HeraldConfig(ConfigProvider.getConfig());
    }

    public String string(String key, String fallback) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(s -> !s.isEmpty()).orElse(fallback);
    }

    /** This node's name in the cluster's presence and metrics: {@code herald.node.id}, else host and process. */
    public String nodeId() {
        return string("herald.node.id", NODE_ID);
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

    public int integer(String key, int fallback) {
        String raw = string(key, null);
        if (raw == null) return fallback;
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + raw + "' is not a whole number");
        }
    }

    public Duration duration(String key, Duration fallback) {
        String raw = string(key, null);
        return raw == null ? fallback : parseDuration(key, raw);
    }

    public Set<String> set(String key, String fallback) {
        return Arrays.stream(string(key, fallback).split(",")).map(String::strip).filter(s -> !s.isEmpty())
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
        var d = HubSettings.defaults();
        return new HubSettings(
                integer("herald.queue.capacity", d.queueCapacity()),
                duration("herald.heartbeat.interval", d.heartbeat()),
                duration("herald.retry", Duration.ofMillis(d.retryMillis())).toMillis(),
                set("herald.volatile.types", String.join(",", d.volatileTypes())),
                integer("herald.max.topics", d.maxTopics()),
                integer("herald.writer.threads", d.writerThreads()));
    }

    public RetentionRules retentionRules() {
        var fallback = new RetentionPolicy(integer("herald.retention.count", 1000),
                duration("herald.retention.age", Duration.ofHours(1)), false);
        return RetentionRules.parse(fallback, string("herald.retention.rules", "metrics=latest"));
    }

    public RedisSettings redisSettings() {
        String url = string("herald.redis.url", RedisSettings.DEFAULT_URL);
        try {
            return new RedisSettings(URI.create(url), string("herald.redis.prefix", "herald:"),
                    integer("herald.redis.stream.maxlen", 100_000), integer("herald.redis.pool", 16));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().startsWith("herald.") ? e.getMessage()
                    : "herald.redis.url: '" + url + "' is not redis://host:port", e);
        }
    }

    public String publisherToken() {
        return string("herald.publisher.token", DEFAULT_PUBLISHER_TOKEN);
    }
}
