package dev.herald.boot;

import dev.herald.redis.RedisConnection;
import dev.herald.store.Database;
import dev.herald.store.EmbeddedFile;
import dev.herald.store.Schema;
import dev.herald.store.StoreStartException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The one place that decides where state lives. Two settings, read once:
 * <ul>
 * <li>{@code herald.broker}: how events travel and what nodes share while they run
 * (presence, rates): this JVM ({@code memory}) or Redis ({@code redis});</li>
 * <li>{@code herald.store}: where what Herald is told is kept (chat, notifications,
 * sign-outs, one node's retained events): the embedded file ({@code file}), a server
 * {@code DataSource} ({@code jdbc}), Redis ({@code redis}), or nowhere ({@code memory});
 * {@code auto} is the file for one node and Redis for a cluster.</li>
 * </ul>
 * Every store is built through {@link #choose} or {@link #keep}, so none disagrees.
 */
@ApplicationScoped
public class Storage {
    private static final Logger LOG = Logger.getLogger(Storage.class.getName());

    /** Where kept data lives. */
    public enum Kept { MEMORY, FILE, JDBC, REDIS }

    @Inject
    HeraldConfig config;
    @Inject
    Instance<RedisConnection> redis;

    private boolean shared;
    private Kept kept;
    private Database database;

    @PostConstruct
    void init() {
        String broker = config.string("herald.broker");
        shared = switch (broker) {
            case "memory" -> false;
            case "redis" -> true;
            default -> throw new IllegalArgumentException("herald.broker: '" + broker + "' is not a broker (memory, redis)");
        };
        kept = kind(config.string("herald.store"), shared);
        try {
            database = switch (kept) {
                case FILE -> EmbeddedFile.open(Path.of(config.string("herald.store.path")), sync(config.string("herald.store.sync")));
                case JDBC -> jdbc(config.string("herald.store.datasource"));
                case MEMORY, REDIS -> null;
            };
        } catch (StoreStartException e) {
            LOG.severe("Herald cannot start: " + e.getMessage());
            throw e;
        }
        if (kept == Kept.MEMORY) LOG.warning("herald.store=memory: chat, notifications and history end with this process.");
    }

    static Kept kind(String store, boolean shared) {
        Kept kind = switch (store) {
            case "auto" -> shared ? Kept.REDIS : Kept.FILE;
            case "file" -> Kept.FILE;
            case "jdbc" -> Kept.JDBC;
            case "redis" -> Kept.REDIS;
            case "memory" -> Kept.MEMORY;
            default -> throw new IllegalArgumentException("herald.store: '" + store + "' is not a store (auto, file, jdbc, redis, memory)");
        };
        if (shared && (kind == Kept.FILE || kind == Kept.MEMORY)) {
            throw new IllegalArgumentException("herald.store: '" + store + "' is one node's, and herald.broker=redis is a cluster;"
                    + " keep the cluster's data in redis or in a shared database (jdbc)");
        }
        if (!shared && kind == Kept.REDIS) {
            throw new IllegalArgumentException("herald.store: 'redis' needs herald.broker=redis");
        }
        return kind;
    }

    static String sync(String value) {
        String sync = value.toUpperCase(java.util.Locale.ROOT);
        if (!sync.equals("NORMAL") && !sync.equals("FULL")) {
            throw new IllegalArgumentException("herald.store.sync: '" + value + "' is not NORMAL or FULL");
        }
        return sync;
    }

    private static Database jdbc(String jndiName) {
        DataSource source;
        try {
            source = (DataSource) new InitialContext().lookup(jndiName);
        } catch (NamingException | ClassCastException e) {
            throw new StoreStartException("herald.store=jdbc: no DataSource at '" + jndiName + "' (" + e.getMessage()
                    + "). Declare one in server.xml (docs/deploy.md, \"PostgreSQL\") or set herald.store.datasource.", e);
        }
        try {
            Schema.migrate(source);
        } catch (RuntimeException e) {
            throw new StoreStartException("herald.store=jdbc: the database at '" + jndiName + "' could not be migrated: "
                    + e.getMessage(), e);
        }
        LOG.info(() -> "Herald keeps its data in the DataSource " + jndiName);
        return Database.pooled(jndiName, source);
    }

    @PreDestroy
    void close() {
        if (database != null) database.close();
    }

    /** Whether state is shared between nodes through Redis. */
    public boolean shared() {
        return shared;
    }

    public Kept kept() {
        return kept;
    }

    /** The database of {@code file} and {@code jdbc}. */
    public Optional<Database> database() {
        return Optional.ofNullable(database);
    }

    /**
     * What nodes share while they run: the memory form, or with Redis the shared form on the
     * node's one {@link RedisConnection} (asked for only then).
     */
    public <T> T choose(Supplier<? extends T> memory, Function<RedisConnection, ? extends T> inRedis) {
        return shared ? inRedis.apply(redis.get()) : memory.get();
    }

    /** A store of kept data, in the form {@code herald.store} says. */
    public <T> T keep(Supplier<? extends T> memory, Function<Database, ? extends T> inDatabase,
                      Function<RedisConnection, ? extends T> inRedis) {
        return switch (kept) {
            case MEMORY -> memory.get();
            case FILE, JDBC -> inDatabase.apply(database);
            case REDIS -> inRedis.apply(redis.get());
        };
    }
}
