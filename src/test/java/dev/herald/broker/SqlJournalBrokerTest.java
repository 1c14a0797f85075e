package dev.herald.broker;

import dev.herald.hub.Broker;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventId;
import dev.herald.hub.Replay;
import dev.herald.hub.RetentionPolicy;
import dev.herald.hub.RetentionRules;
import dev.herald.store.Database;
import dev.herald.store.Sql;
import dev.herald.store.StoreUnavailableException;
import dev.herald.store.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.herald.broker.BrokerTestSupport.MutableClock;
import static dev.herald.broker.BrokerTestSupport.START;
import static dev.herald.broker.BrokerTestSupport.gap;
import static dev.herald.broker.BrokerTestSupport.replayedIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The memory broker with its retention kept in the embedded file: the broker contract, and
 * what a restart (a new broker on the same database) must give back.
 */
class SqlJournalBrokerTest extends BrokerContractTest {
    /** Closed after the class: the contract closes its brokers after each test, and a closing journal still writes. */
    private static final List<Database> databases = new ArrayList<>();

    @Override
    protected Broker newBroker(RetentionRules rules, Clock clock) {
        return new MemoryBroker(rules, clock, new SqlEventJournal(database()));
    }

    private Database database() {
        Database db = TestDatabases.sqlite();
        databases.add(db);
        return db;
    }

    @AfterAll
    static void closeDatabases() {
        databases.forEach(Database::close);
    }

    private static Event publish(Broker broker, String topic, int n) {
        return broker.publish(EventDraft.of(topic, "message", "{\"n\":" + n + "}"));
    }

    @Test
    void aRestartKeepsTheEpochAndReplaysExactlyWhatWasMissed() {
        Database db = database();
        RetentionRules rules = RetentionRules.uniform(GENEROUS);
        EventId seen;
        List<EventId> missed = new ArrayList<>();
        try (var before = new MemoryBroker(rules, Clock.systemUTC(), new SqlEventJournal(db))) {
            seen = publish(before, "chat/a", 1).id();
            for (int i = 2; i <= 5; i++) missed.add(publish(before, i % 2 == 0 ? "chat/a" : "chat/b", i).id());
        }
        try (var after = new MemoryBroker(rules, Clock.systemUTC(), new SqlEventJournal(db))) {
            Replay replay = after.readAfter(List.of("chat/a", "chat/b"), seen);
            var events = assertInstanceOf(Replay.Events.class, replay, "no reset after a restart").events();
            assertEquals(missed, events.stream().map(Event::id).toList());
            assertEquals("{\"n\":2}", events.get(0).data());
            EventId next = publish(after, "chat/a", 6).id();
            assertEquals(seen.epoch(), next.epoch(), "the epoch is kept with the data");
            assertEquals(true, next.isAfter(missed.get(missed.size() - 1)), "ids go on increasing: " + next);
        }
    }

    @Test
    void aBatchIsKeptAcrossARestart() {
        Database db = database();
        RetentionRules rules = RetentionRules.uniform(GENEROUS);
        EventId seen;
        List<Event> batch;
        try (var before = new MemoryBroker(rules, Clock.systemUTC(), new SqlEventJournal(db))) {
            seen = publish(before, "chat/a", 1).id();
            batch = before.publishAll(List.of(EventDraft.of("chat/a", "message", "{\"n\":2}"),
                    EventDraft.of("chat/b", "message", "{\"n\":3}"), EventDraft.of("chat/a", "message", "{\"n\":4}")));
        }
        try (var after = new MemoryBroker(rules, Clock.systemUTC(), new SqlEventJournal(db))) {
            var events = assertInstanceOf(Replay.Events.class, after.readAfter(List.of("chat/a", "chat/b"), seen)).events();
            assertEquals(batch.stream().map(Event::id).toList(), events.stream().map(Event::id).toList());
            assertEquals("{\"n\":3}", events.get(1).data());
        }
    }

    /**
     * The third event of a batch cannot be kept (its id is taken in the file): the whole batch
     * is refused, and nothing of it is kept, retained or delivered.
     */
    @Test
    void aBatchTheJournalRefusesLeavesNothingBehind() throws Exception {
        Database db = database();
        var clock = new MutableClock(START);
        try (var broker = new MemoryBroker(RetentionRules.uniform(GENEROUS), clock, new SqlEventJournal(db))) {
            var delivered = new CopyOnWriteArrayList<Event>();
            broker.subscribe(delivered::add);
            Event first = publish(broker, "chat/a", 1);
            db.update("INSERT INTO herald_events (ms, seq, topic, type, ts, data, audience) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    first.id().millis(), first.id().sequence() + 3, "chat/z", "planted", 0L, "{}", null);
            var drafts = List.of(EventDraft.of("chat/a", "message", "{}"), EventDraft.of("chat/b", "message", "{}"),
                    EventDraft.of("chat/a", "message", "{}"), EventDraft.of("chat/b", "message", "{}"));
            assertThrows(StoreUnavailableException.class, () -> broker.publishAll(drafts));

            assertEquals(List.of(), replayedIds(broker.readAfter(List.of("chat/a", "chat/b"), first.id())),
                    "nothing of the refused batch is retained");
            Event next = publish(broker, "chat/b", 9);
            Thread.sleep(200);
            assertEquals(List.of(first.id(), next.id()), delivered.stream().map(Event::id).toList(), "nothing of it was delivered");
            int rows = db.transaction(c -> Sql.query(c, "SELECT COUNT(*) FROM herald_events WHERE type = 'message'",
                    r -> r.next() ? r.getInt(1) : -1));
            assertEquals(2, rows, "only the events before and after are in the file");
        }
    }

    @Test
    void whatRetentionDroppedBeforeARestartIsStillAGap() {
        Database db = database();
        var rules = RetentionRules.uniform(new RetentionPolicy(3, Duration.ofHours(1), false));
        EventId first;
        try (var before = new MemoryBroker(rules, Clock.systemUTC(), new SqlEventJournal(db))) {
            first = publish(before, "chat/a", 1).id();
            for (int i = 2; i <= 6; i++) publish(before, "chat/a", i);
        }
        try (var after = new MemoryBroker(rules, Clock.systemUTC(), new SqlEventJournal(db))) {
            assertEquals("stale", gap(after.readAfter(List.of("chat/a"), first)).reason());
            var kept = db.transaction(c -> {
                try (var s = c.prepareStatement("SELECT COUNT(*) FROM herald_events"); var r = s.executeQuery()) {
                    r.next();
                    return r.getInt(1);
                }
            });
            assertEquals(3, kept, "the dropped events left the file, not only the memory");
        }
    }

    @Test
    void anIdSeenOnAVolatileEventResumesAfterARestart() {
        Database db = database();
        MutableClock clock = new MutableClock(START);
        RetentionRules rules = RetentionRules.uniform(GENEROUS);
        EventId typing;
        try (var before = new MemoryBroker(rules, clock, new SqlEventJournal(db))) {
            publish(before, "chat/a", 1);
            clock.advance(Duration.ofMillis(5));
            typing = before.publish(EventDraft.of("chat/a", "typing_start", "{}").volatileEvent()).id();
        }
        clock.advance(Duration.ofSeconds(3));
        try (var after = new MemoryBroker(rules, clock, new SqlEventJournal(db))) {
            var replay = assertInstanceOf(Replay.Events.class, after.readAfter(List.of("chat/a"), typing));
            assertEquals(List.of(), replay.events());
        }
    }

    @Test
    void aLatestTopicIsNotKeptYetItsIdsResumeAfterARestart() {
        Database db = database();
        RetentionRules rules = RetentionRules.parse(GENEROUS, "metrics=latest");
        EventId sample = null;
        try (var before = new MemoryBroker(rules, Clock.systemUTC(), new SqlEventJournal(db))) {
            for (int i = 0; i < 6; i++) sample = publish(before, "metrics", i).id();
        }
        int kept = db.transaction(c -> {
            try (var s = c.prepareStatement("SELECT COUNT(*) FROM herald_events"); var r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        });
        assertEquals(0, kept, "a latest topic's samples are never replayed, so never written");
        try (var after = new MemoryBroker(rules, Clock.systemUTC(), new SqlEventJournal(db))) {
            assertInstanceOf(Replay.Events.class, after.readAfter(List.of("metrics"), sample), "no reset for a dashboard resuming");
        }
    }

    @Test
    void anEmptyDatabaseIsANewEpoch() {
        RetentionRules rules = RetentionRules.uniform(GENEROUS);
        EventId old;
        try (var first = new MemoryBroker(rules, Clock.systemUTC(), new SqlEventJournal(database()))) {
            old = publish(first, "chat/a", 1).id();
        }
        try (var fresh = new MemoryBroker(rules, Clock.systemUTC(), new SqlEventJournal(database()))) {
            EventId now = publish(fresh, "chat/a", 2).id();
            assertNotEquals(old.epoch(), now.epoch());
            assertEquals("epoch", gap(fresh.readAfter(List.of("chat/a"), old)).reason());
        }
    }
}
