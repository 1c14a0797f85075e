package dev.herald.store;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Where the durable stores run their SQL: each call is one transaction, committed before it
 * returns (so an answer sent after it means the data is kept) and rolled back on any failure,
 * which surfaces as {@link StoreUnavailableException}. The SQL the stores write is the subset
 * SQLite and PostgreSQL share ({@code ON CONFLICT}, {@code RETURNING}, row values).
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    /** A unit of work on one connection, inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String name;
    private final Connections connections;
    /** The embedded file, or null for a server's DataSource. */
    private final Path file;
    /** Opens another connection to the file (a backup's), or null. */
    private final ConnectionOpener opener;

    private Database(String name, Connections connections, Path file, ConnectionOpener opener) {
        this.name = name;
        this.connections = connections;
        this.file = file;
        this.opener = opener;
    }

    /**
     * One connection, held for the life of the node and used by one transaction at a time:
     * SQLite takes one writer anyway, and a held connection costs no open per call.
     */
    static Database single(Path file, ConnectionOpener opener, Runnable afterClose) {
        return new Database(file.toString(), new SingleConnection(opener, afterClose), file, opener);
    }

    /** Connections of a server's pool (Liberty's {@code <dataSource>}), one per transaction. */
    public static Database pooled(String name, DataSource dataSource) {
        return new Database(name, new Pooled(dataSource), null, null);
    }

    /** What this database is, for logs and errors: the file, or the DataSource's name. */
    public String name() {
        return name;
    }

    /** Runs {@code work} in a transaction and commits it. */
    public <T> T transaction(Work<T> work) {
        try {
            return connections.inTransaction(work);
        } catch (SQLException e) {
            throw new StoreUnavailableException("the database (" + name + ") refused the request: " + e.getMessage(), e);
        }
    }

    /** Runs a statement with these parameters in its own transaction; the rows it changed. */
    public int update(String sql, Object... parameters) {
        return transaction(c -> Sql.update(c, sql, parameters));
    }

    /** The embedded file, if this is one: what a backup copies. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * A consistent copy of the embedded file, taken while the node runs ({@code VACUUM INTO}) on a
     * connection of its own: one read of one snapshot of the write-ahead log, so writes go on
     * meanwhile. A server's DataSource is backed up by its own tools.
     */
    public void backupInto(Path target) {
        if (opener == null) throw new IllegalStateException(name + " is backed up with the database's own tools");
        try (Connection c = opener.open(); PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
            s.setString(1, target.toString());
            s.execute();
        } catch (SQLException e) {
            throw new StoreUnavailableException("backing up " + name + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * A value of Herald's own kept in this database: the one stored, or {@code initial} stored
     * now. Nodes sharing a database agree on it: the first one's wins.
     */
    public String remember(String name, String initial) {
        return transaction(c -> {
            Sql.update(c, "INSERT INTO herald_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING", name, initial);
            return Sql.query(c, "SELECT value FROM herald_meta WHERE name = ?", r -> r.next() ? r.getString(1) : null, name);
        });
    }

    /**
     * Whether a write can be committed now (readiness): a real write of nothing that
     * matters, so a full disk or a read-only database is seen, not only a dead connection.
     */
    public boolean writable() {
        try {
            update("INSERT INTO herald_meta (name, value) VALUES ('ready_probe', ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    Long.toString(System.currentTimeMillis()));
            return true;
        } catch (StoreUnavailableException e) {
            LOG.fine(() -> "not writable: " + e.getMessage());
            return false;
        }
    }

    @Override
    public void close() {
        connections.close();
    }

    /** Opens a configured connection; the embedded file's pragmas are set here. */
    @FunctionalInterface
    interface ConnectionOpener {
        Connection open() throws SQLException;
    }

    private interface Connections {
        <T> T inTransaction(Work<T> work) throws SQLException;

        void close();
    }

    private static <T> T commit(Connection c, Work<T> work) throws SQLException {
        c.setAutoCommit(false);
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }

    private static final class SingleConnection implements Connections {
        private final ConnectionOpener opener;
        private final Runnable afterClose;
        private final ReentrantLock lock = new ReentrantLock();
        private Connection connection;

        SingleConnection(ConnectionOpener opener, Runnable afterClose) {
            this.opener = opener;
            this.afterClose = afterClose;
        }

        @Override
        public <T> T inTransaction(Work<T> work) throws SQLException {
            lock.lock();
            try {
                if (connection == null || connection.isClosed()) connection = opener.open();
                return commit(connection, work);
            } catch (SQLException e) {
                // A connection that failed (a full disk) may keep failing once the cause is gone:
                // the next transaction starts on a fresh one.
                discard();
                throw e;
            } finally {
                lock.unlock();
            }
        }

        private void discard() {
            try {
                if (connection != null) connection.close();
            } catch (SQLException e) {
                LOG.warning(() -> "closing the database: " + e.getMessage());
            } finally {
                connection = null;
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                discard();
            } finally {
                lock.unlock();
                afterClose.run();
            }
        }
    }

    private record Pooled(DataSource dataSource) implements Connections {
        @Override
        public <T> T inTransaction(Work<T> work) throws SQLException {
            try (Connection c = dataSource.getConnection()) {
                return commit(c, work);
            }
        }

        @Override
        public void close() {
            // The pool is the server's: it closes it.
        }
    }
}
