package dev.herald.notify;

import dev.herald.store.TestDatabases;
import dev.herald.store.TestDatabases.PostgresSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notification store contract on PostgreSQL: one schema for the class, its notification
 * tables emptied for each store.
 */
class PostgresNotificationStoreTest extends NotificationStoreContractTest {
    private static PostgresSchema schema;

    @BeforeAll
    static void postgresIsThere() {
        TestDatabases.requirePostgres("PostgresNotificationStoreTest");
        schema = TestDatabases.postgres();
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) schema.close();
    }

    @Override
    NotificationStore store(int retention) {
        schema.database().transaction(c -> {
            try (var s = c.createStatement()) {
                for (String table : new String[]{"items", "users", "read", "removed"}) {
                    s.executeUpdate("DELETE FROM herald_notify_" + table);
                }
            }
            return null;
        });
        return new SqlNotificationStore(schema.database(), retention);
    }

    @Test
    void anotherNodeOnTheSameDatabaseSeesEveryNotificationAndEachUsersState() {
        var first = store(500);
        assertAnotherStoreSeesItAll(first, () -> new SqlNotificationStore(schema.database(), 500));
    }
}
