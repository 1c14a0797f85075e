package dev.herald.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

import static dev.herald.broker.RedisTestSupport.requireThat;

/**
 * The databases the stores' contract tests run against: a fresh embedded SQLite file, or a
 * fresh schema in the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, or
 * {@code HERALD_TEST_POSTGRES_URL}), skipped with a message when it is not there, failed under
 * {@code CI=true}.
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** A new, migrated SQLite file in a new directory; close it to release its lock. */
    public static Database sqlite() {
        try {
            Path dir = Files.createTempDirectory("herald-store-test");
            return EmbeddedFile.open(dir.resolve("herald.db"), "NORMAL");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public static String postgresUrl() {
        String url = System.getProperty("herald.test.postgres.url", System.getenv("HERALD_TEST_POSTGRES_URL"));
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : url;
    }

    /** Skips (fails under CI) unless the test PostgreSQL answers. */
    public static void requirePostgres(String what) {
        String problem = null;
        try (Connection c = dataSource(null).getConnection()) {
            c.isValid(2);
        } catch (SQLException e) {
            problem = e.getMessage();
        }
        requireThat(problem == null, what + " needs PostgreSQL at " + postgresUrl() + " (" + problem + ")");
    }

    /**
     * A new schema of its own, migrated, in the test PostgreSQL, behind a pool as a node's
     * {@code <dataSource>} is (a connection opened per transaction costs a PostgreSQL process:
     * 1,000 journal appends took over 30 s on a loaded machine); closing it drops it.
     */
    public static PostgresSchema postgres() {
        String schema = createSchema();
        PGSimpleDataSource source = dataSource(schema);
        Schema.migrate(source);
        var pool = new HikariConfig();
        pool.setDataSource(source);
        pool.setPoolName(schema);
        pool.setMaximumPoolSize(8);
        pool.setMinimumIdle(0);
        var pooled = new HikariDataSource(pool);
        return new PostgresSchema(schema, Database.pooled("postgresql " + schema, pooled), pooled);
    }

    /** A new, empty schema in the test PostgreSQL; its name. */
    public static String createSchema() {
        String schema = "herald_test_" + Long.toString(System.currentTimeMillis(), 36)
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    public static void dropSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    /** The JDBC URL of the test database with this schema current: what a node is given. */
    public static String urlWithSchema(String schema) {
        String url = postgresUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void execute(String sql) {
        try (Connection c = dataSource(null).getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A PostgreSQL schema made for one test class, and its database. */
    public record PostgresSchema(String name, Database database, HikariDataSource pool) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
            pool.close();
            try {
                dropSchema(name);
            } catch (IllegalStateException e) {
                System.err.println("could not drop test schema " + name + ": " + e.getMessage());
            }
        }
    }

    private static PGSimpleDataSource dataSource(String schema) {
        var source = new PGSimpleDataSource();
        source.setURL(postgresUrl());
        if (schema != null) source.setCurrentSchema(schema);
        return source;
    }
}
