package dev.herald.boot;

import dev.herald.redis.RedisConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place that decides where state lives ({@code herald.broker}): in this JVM
 * ({@code memory}), or in Redis, shared by every node ({@code redis}). The broker and every
 * capability's store are built through {@link #choose}, so they never disagree.
 */
@ApplicationScoped
public class Storage {
    @Inject
    HeraldConfig config;
    @Inject
    Instance<RedisConnection> redis;

    private boolean shared;

    @PostConstruct
    void init() {
        String kind = config.string("herald.broker");
        shared = switch (kind) {
            case "memory" -> false;
            case "redis" -> true;
            default -> throw new IllegalArgumentException("herald.broker: '" + kind + "' is not a broker (memory, redis)");
        };
    }

    /** Whether state is shared between nodes through Redis. */
    public boolean shared() {
        return shared;
    }

    /**
     * Builds the memory form, or with Redis the shared form on the node's one
     * {@link RedisConnection} (asked for only then).
     */
    public <T> T choose(Supplier<? extends T> memory, Function<RedisConnection, ? extends T> inRedis) {
        return shared ? inRedis.apply(redis.get()) : memory.get();
    }
}
