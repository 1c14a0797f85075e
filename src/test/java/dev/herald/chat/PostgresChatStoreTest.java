package dev.herald.chat;

import dev.herald.store.TestDatabases;
import dev.herald.store.TestDatabases.PostgresSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The chat store contract on PostgreSQL; each store gets a schema of its own. Its pool holds
 * several connections, so the concurrency tests run on several, as several nodes would.
 */
class PostgresChatStoreTest extends ChatStoreContractTest {
    /** Static: the contract makes its first store in its constructor, before this class's fields exist. */
    private static final Map<ChatStore, Opened> opened = new IdentityHashMap<>();

    private record Opened(PostgresSchema schema, int historyLimit) {
    }

    @BeforeAll
    static void postgresIsThere() {
        TestDatabases.requirePostgres("PostgresChatStoreTest");
    }

    @Override
    ChatStore store(int historyLimit) {
        PostgresSchema schema = TestDatabases.postgres();
        var store = new SqlChatStore(schema.database(), historyLimit);
        opened.put(store, new Opened(schema, historyLimit));
        return store;
    }

    /** A restarted node: a new store on the same database, holding nothing of the first. */
    private static ChatStore reopen(ChatStore store) {
        Opened first = opened.get(store);
        return new SqlChatStore(first.schema().database(), first.historyLimit());
    }

    @Test
    void trimsAsTheMemoryStoreDoes() {
        walkAlongsideTheMemoryStore(7);
    }

    @Test
    void aRestartedNodeSeesEverything() {
        aRestartedNodeSeesEverything(PostgresChatStoreTest::reopen);
    }

    @AfterEach
    void dropSchemas() {
        for (Opened o : opened.values()) o.schema().close();
        opened.clear();
    }
}
