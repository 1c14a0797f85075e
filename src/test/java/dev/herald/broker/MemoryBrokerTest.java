package dev.herald.broker;

import dev.herald.hub.Broker;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventId;
import dev.herald.hub.RetentionRules;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import static dev.herald.broker.BrokerTestSupport.MutableClock;
import static dev.herald.broker.BrokerTestSupport.START;
import static dev.herald.broker.BrokerTestSupport.gap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryBrokerTest extends BrokerContractTest {

    @Override
    protected Broker newBroker(RetentionRules rules, Clock clock) {
        return new MemoryBroker(rules, clock);
    }

    @Test
    void idsAreTheClockMillisecondThenASequenceFromZero() {
        MutableClock clock = new MutableClock(START);
        try (var broker = new MemoryBroker("e1", RetentionRules.uniform(GENEROUS), clock)) {
            EventDraft draft = EventDraft.of("chat/a", "message", "{}");
            assertEquals(new EventId("e1", START.toEpochMilli(), 0), broker.publish(draft).id());
            assertEquals(new EventId("e1", START.toEpochMilli(), 1), broker.publish(draft).id());
            clock.advance(Duration.ofMillis(1));
            assertEquals(new EventId("e1", START.toEpochMilli() + 1, 0), broker.publish(draft).id());
        }
    }

    @Test
    void aRestartedBrokerHasANewEpochAndTreatsOldIdsAsAGap() {
        Clock first = Clock.fixed(START, ZoneOffset.UTC);
        Clock later = Clock.fixed(START.plusSeconds(2), ZoneOffset.UTC);
        try (var before = new MemoryBroker(RetentionRules.uniform(GENEROUS), first);
             var after = new MemoryBroker(RetentionRules.uniform(GENEROUS), later)) {
            EventId old = before.publish(EventDraft.of("chat/a", "message", "{}")).id();
            after.publish(EventDraft.of("chat/a", "message", "{}"));

            assertNotEquals(before.epoch(), after.epoch());
            assertTrue(EventId.parse(old.toString()).isPresent(), "the epoch fits the id grammar: " + old);
            assertEquals("epoch", gap(after.readAfter(List.of("chat/a"), old)).reason());
        }
    }

    @Test
    void publishingAfterCloseIsRefused() {
        var broker = new MemoryBroker(RetentionRules.uniform(GENEROUS), Clock.systemUTC());
        broker.close();
        assertThrows(IllegalStateException.class, () -> broker.publish(EventDraft.of("chat/a", "message", "{}")));
    }
}
