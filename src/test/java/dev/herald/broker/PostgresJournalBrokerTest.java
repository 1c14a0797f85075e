package dev.herald.broker;

import dev.herald.hub.Broker;
import dev.herald.hub.RetentionRules;
import dev.herald.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The broker contract with its retention kept in PostgreSQL (one node with herald.store=jdbc). */
class PostgresJournalBrokerTest extends BrokerContractTest {
    /** Dropped after the class: the contract closes its brokers after each test, and a closing journal still writes. */
    private static final List<TestDatabases.PostgresSchema> schemas = new ArrayList<>();

    @BeforeAll
    static void postgresIsThere() {
        TestDatabases.requirePostgres("PostgresJournalBrokerTest");
    }

    @Override
    protected Broker newBroker(RetentionRules rules, Clock clock) {
        var schema = TestDatabases.postgres();
        schemas.add(schema);
        return new MemoryBroker(rules, clock, new SqlEventJournal(schema.database()));
    }

    @AfterAll
    static void dropSchemas() {
        schemas.forEach(TestDatabases.PostgresSchema::close);
    }
}
