package dev.herald.store;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;

/**
 * The embedded default: one SQLite file under the server's directory. SQLite because it is a
 * single file that any tool can open and copy ({@code VACUUM INTO} backs it up while it runs),
 * its write-ahead log makes a commit one append, and its durability is documented exactly:
 * with {@code synchronous=NORMAL} a committed transaction survives the process being killed,
 * {@code synchronous=FULL} also a power cut (docs/deploy.md).
 *
 * <p>A node holds {@code <file>.lock} while it runs, so a second node on the same file is
 * refused at start instead of sharing it, and a damaged file is refused with what to do.
 */
public final class EmbeddedFile {
    private static final Logger LOG = Logger.getLogger(EmbeddedFile.class.getName());

    private EmbeddedFile() {
    }

    /**
     * Opens (or creates) the file, migrates its schema and returns its database.
     *
     * @param sync SQLite's {@code synchronous}: {@code NORMAL} (kept across a crash of the
     *             process) or {@code FULL} (also across a crash of the machine)
     * @throws StoreStartException when the file is in use, damaged or cannot be created
     */
    public static Database open(Path file, String sync) {
        Path path = file.toAbsolutePath().normalize();
        FileLock lock = lock(path);
        try {
            SQLiteDataSource source = dataSource(path, sync);
            check(path, source);
            Schema.migrate(source);
            LOG.info(() -> "Herald keeps its data in " + path);
            return Database.single(path, source::getConnection, () -> release(lock));
        } catch (RuntimeException e) {
            release(lock);
            throw e;
        }
    }

    private static SQLiteDataSource dataSource(Path path, String sync) {
        var config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.valueOf(sync));
        // Flyway's connection and ours meet only at start; wait for each other rather than fail.
        config.setBusyTimeout(10_000);
        var source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + path);
        return source;
    }

    private static FileLock lock(Path path) {
        Path lockFile = Path.of(path + ".lock");
        try {
            Files.createDirectories(path.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new StoreStartException(path + " is in use by another Herald (it holds " + lockFile
                        + "). Stop that server, or give this one its own file with herald.store.path.");
            }
            return lock;
        } catch (IOException e) {
            throw new StoreStartException("cannot create " + path + ": " + e.getMessage()
                    + ". Make its directory writable, or choose another with herald.store.path.", e);
        }
    }

    /** A file that is not a database, or one SQLite finds damaged, stops the node before anything is written to it. */
    private static void check(Path path, SQLiteDataSource source) {
        String verdict;
        try (Connection c = source.getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("PRAGMA quick_check")) {
            verdict = r.next() ? r.getString(1) : "no answer";
        } catch (SQLException e) {
            verdict = e.getMessage();
        }
        if (!"ok".equals(verdict)) {
            throw new StoreStartException(path + " is damaged (" + verdict + "). Restore it from a backup "
                    + "(docs/deploy.md, \"Backup and restore\"), or move it aside to start with no data.");
        }
    }

    private static void release(FileLock lock) {
        try {
            lock.release();
            lock.channel().close();
        } catch (IOException e) {
            LOG.warning(() -> "releasing the data file's lock: " + e.getMessage());
        }
    }
}
