package dev.herald.liveness;

import dev.herald.boot.ShippedDefaults;
import dev.herald.broker.MemoryBroker;
import dev.herald.hub.EventHub;
import dev.herald.hub.Frame;
import dev.herald.hub.Outlet;
import dev.herald.hub.RetentionPolicy;
import dev.herald.hub.RetentionRules;
import dev.herald.hub.SubscribeRequest;
import dev.herald.hub.Subscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The watch's looks, on tables the test hands it: what ends a stream and what must not. */
class ClientWatchTest {
    private static final int PORT = 9080;
    private static final String HEADER = "  sl  local_address rem_address   st\n";

    private final Deque<String> looks = new ArrayDeque<>();
    private final ClientWatch watch = new ClientWatch();
    private EventHub hub;

    @BeforeEach
    void start() {
        hub = new EventHub(new MemoryBroker(RetentionRules.parse(new RetentionPolicy(100, Duration.ofHours(1), false), ""),
                Clock.systemUTC()), ShippedDefaults.hubSettings());
        // An hour between the timer's own looks: only checkNow() looks here.
        watch.start(LivenessMode.AUTO, Duration.ofHours(1));
        watch.readFrom(wanted -> Optional.of(TcpTable.parse(looks.isEmpty() ? HEADER : looks.poll(), Set.of(PORT))));
    }

    @AfterEach
    void stop() {
        watch.stop();
        hub.close();
    }

    @Test
    void aConnectionMissingFromOneLookButThereInTheNextIsNotEnded() {
        Subscription sub = watched(50000);
        looks.add(HEADER); // skipped by the kernel while connections came and went
        looks.add(table(50000, "01"));
        watch.checkNow();
        assertTrue(sub.isOpen(), "a live stream survives one look that missed it");
    }

    @Test
    void aConnectionMissingFromBothLooksIsEnded() {
        Subscription sub = watched(50001);
        looks.add(HEADER);
        looks.add(HEADER);
        watch.checkNow();
        assertFalse(sub.isOpen());
    }

    @Test
    void aClientThatSentFinIsEnded() {
        Subscription sub = watched(50002);
        looks.add(table(50002, "08"));
        looks.add(table(50002, "08"));
        watch.checkNow();
        assertFalse(sub.isOpen());
    }

    @Test
    void anEstablishedConnectionIsLeftAlone() {
        Subscription sub = watched(50003);
        looks.add(table(50003, "01"));
        watch.checkNow();
        assertTrue(sub.isOpen());
    }

    @Test
    void aClientGoneBeforeItsStreamExistedEndsTheStreamAsItIsAttached() {
        ClientWatch.Watch w = watch.watch(new Endpoint(PORT, 50004, false, true));
        looks.add(HEADER);
        looks.add(HEADER);
        watch.checkNow();
        Subscription sub = hub.subscribe(new SubscribeRequest(List.of("custom/x"), null, null, false), new NullOutlet());
        w.attach(sub);
        assertFalse(sub.isOpen());
    }

    private Subscription watched(int remotePort) {
        Subscription sub = hub.subscribe(new SubscribeRequest(List.of("custom/x"), null, null, false), new NullOutlet());
        watch.watch(new Endpoint(PORT, remotePort, false, true)).attach(sub);
        return sub;
    }

    private static String table(int remotePort, String state) {
        return HEADER + String.format("   0: 0100007F:%04X 0100007F:%04X %s 00000000:00000000 00:00000000 00000000 0 0 1 1%n",
                PORT, remotePort, state);
    }

    private static final class NullOutlet implements Outlet {
        @Override
        public CompletionStage<?> send(Frame frame) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    }
}
