package dev.herald.broker;

import dev.herald.hub.Event;
import dev.herald.hub.EventId;
import dev.herald.hub.Replay;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Small fakes and helpers shared by the broker tests. */
final class BrokerTestSupport {
    /** 2025-11-28T03:20:00Z: a fixed, realistic start for clocks under test. */
    static final Instant START = Instant.ofEpochMilli(1_764_300_000_000L);

    private BrokerTestSupport() {
    }

    /** A clock the test moves by hand, so retention by age needs no sleeping. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public long millis() {
            return now.toEpochMilli();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("tests stay in UTC");
        }
    }

    static List<EventId> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }

    /** The ids a replay returned, failing the test with the gap's reason if it was a gap. */
    static List<EventId> replayedIds(Replay replay) {
        return ids(assertInstanceOf(Replay.Events.class, replay, () -> "expected events, got " + replay).events());
    }

    static Replay.Gap gap(Replay replay) {
        return assertInstanceOf(Replay.Gap.class, replay, () -> "expected a gap, got " + replay);
    }
}
