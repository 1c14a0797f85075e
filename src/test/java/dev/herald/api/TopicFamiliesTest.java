package dev.herald.api;

import dev.herald.boot.ShippedDefaults;
import dev.herald.broker.MemoryBroker;
import dev.herald.http.ProblemException;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventHub;
import dev.herald.hub.EventId;
import dev.herald.hub.Frame;
import dev.herald.hub.Outlet;
import dev.herald.hub.Replay;
import dev.herald.hub.RetentionPolicy;
import dev.herald.hub.RetentionRules;
import dev.herald.hub.SubscribeRequest;
import dev.herald.security.access.TopicAccess;
import dev.herald.security.identity.Identity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a family declares is what the stream and the hub then do: its access rule, snapshot and volatile types. */
class TopicFamiliesTest {
    private final MemoryBroker broker = new MemoryBroker(
            RetentionRules.uniform(new RetentionPolicy(1000, Duration.ofHours(1), false)), Clock.systemUTC());
    private final EventHub hub = new EventHub(broker, ShippedDefaults.hubSettings());
    private final TopicAccess access = new TopicAccess();

    /** {@code orders/…} for signed-in callers, the open count as a snapshot, {@code viewing} volatile. */
    private static final class Orders implements TopicFamily {
        @Override
        public String topics() {
            return "orders/";
        }

        @Override
        public void checkAccess(String topic, Identity who) {
            if (who == null) throw ProblemException.unauthorized("sign in to follow orders");
        }

        @Override
        public List<Frame.Snapshot> snapshot(String topic, String userId) {
            return List.of(new Frame.Snapshot(topic, "open_orders", "{\"open\":3}", 1L));
        }

        @Override
        public Set<String> volatileTypes() {
            return Set.of("viewing");
        }
    }

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void aFamilysTopicsAreServedUnderItsAccessRule() {
        assertFalse(access.isServed("orders/7"), "nothing is served before the family is registered");
        TopicFamilies.register(List.of(new Orders()), access, hub);

        assertTrue(access.isServed("orders/7"));
        assertFalse(access.isServed("payroll"));
        assertEquals(401, assertThrows(ProblemException.class, () -> access.check("orders/7", null)).problem().status());
        access.check("orders/7", new Identity("u1", "Ann", Set.of()));
    }

    @Test
    void aNewStreamGetsTheFamilysSnapshot() throws InterruptedException {
        TopicFamilies.register(List.of(new Orders()), access, hub);
        var frames = new LinkedBlockingQueue<Frame>();
        hub.subscribe(new SubscribeRequest(List.of("orders/7"), null, null, false), new Outlet() {
            @Override
            public CompletionStage<?> send(Frame frame) {
                frames.add(frame);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {
            }
        });
        Frame snapshot;
        do {
            snapshot = frames.poll(10, TimeUnit.SECONDS);
        } while (snapshot != null && !(snapshot instanceof Frame.Snapshot));
        assertEquals(new Frame.Snapshot("orders/7", "open_orders", "{\"open\":3}", 1L), snapshot);
    }

    @Test
    void aFamilysVolatileTypesAreNeverRetained() {
        EventId start = hub.publish(EventDraft.of("orders/7", "viewing", "{}")).id();
        TopicFamilies.register(List.of(new Orders()), access, hub);
        hub.publish(EventDraft.of("orders/7", "viewing", "{}"));
        EventId kept = hub.publish(EventDraft.of("orders/7", "shipped", "{}")).id();

        var replay = (Replay.Events) broker.readAfter(List.of("orders/7"), new EventId(start.epoch(), 0, 0));
        assertEquals(List.of(start, kept), replay.events().stream().map(Event::id).toList(),
                "'viewing' is retained until the family declares it volatile, never after");
    }
}
