package dev.herald.notify;

import dev.herald.store.Database;
import dev.herald.store.EmbeddedFile;
import dev.herald.store.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The notification store contract on the embedded SQLite file; each store gets a new file. */
class SqliteNotificationStoreTest extends NotificationStoreContractTest {
    private final List<Database> opened = new ArrayList<>();

    @AfterEach
    void closeFiles() {
        opened.forEach(Database::close);
    }

    @Override
    NotificationStore store(int retention) {
        return new SqlNotificationStore(open(TestDatabases.sqlite()), retention);
    }

    @Test
    void aRestartedNodeSeesEveryNotificationAndEachUsersState() {
        Database first = open(TestDatabases.sqlite());
        assertAnotherStoreSeesItAll(new SqlNotificationStore(first, 500), () -> {
            // A restart: the file closed, its lock let go, then opened again.
            opened.remove(first);
            first.close();
            return new SqlNotificationStore(open(EmbeddedFile.open(Path.of(first.name()), "NORMAL")), 500);
        });
    }

    private Database open(Database db) {
        opened.add(db);
        return db;
    }
}
