package dev.herald.liveness;

import dev.herald.testing.Api;
import dev.herald.testing.Await;
import dev.herald.testing.BoundHttp;
import dev.herald.testing.Crowd;
import dev.herald.testing.SharedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reconnect storm at a size CI affords (the benchmark runs 10,000): every client
 * closes its stream and at once opens a new one with its Last-Event-ID, while events
 * are published all the while. Every client is back, every event arrives exactly once
 * and in order, no request is refused or reset, the streams that were left are
 * released, and the node stays ready.
 */
@ExtendWith(SharedNode.class)
class ReconnectStormIT {
    private static final int CLIENTS = Integer.getInteger("herald.storm.clients", 2000);
    private static final int EVENTS = 200;
    private static final int STORM_AT = 80;
    private static final long PUBLISH_EVERY_MILLIS = 20;

    @Test
    void everyClientIsBackWithEveryEventOnceAndInOrder() throws Exception {
        String topic = "custom/storm-" + System.nanoTime();
        double openBefore = Api.metric("herald_connections_open", null);
        try (var crowd = new Crowd(BoundHttp.port(), "/api/events?topic=" + topic)) {
            crowd.connect(CLIENTS);
            assertTrue(Await.until(() -> crowd.open() == CLIENTS, 60_000), "all connected: " + crowd.open() + " of " + CLIENTS);

            var published = new AtomicInteger();
            var publisher = new Thread(() -> {
                for (int n = 1; n <= EVENTS; n++) {
                    Api.publish(topic, "tick", "{\"n\":" + n + "}");
                    published.set(n);
                    sleep(PUBLISH_EVERY_MILLIS);
                }
            }, "storm-publisher");
            publisher.start();
            assertTrue(Await.until(() -> published.get() >= STORM_AT, 30_000));

            long storm = System.nanoTime();
            crowd.reconnectAll();
            assertTrue(Await.until(() -> crowd.open() == CLIENTS, 60_000), "all back: " + crowd.open() + " of " + CLIENTS);
            double backSeconds = seconds(storm);
            publisher.join(60_000);
            assertEquals(EVENTS, published.get());
            assertTrue(Await.until(() -> crowd.haveAtLeast(EVENTS) == CLIENTS, 60_000),
                    "caught up: " + crowd.haveAtLeast(EVENTS) + " of " + CLIENTS);
            double caughtUpSeconds = seconds(storm);
            System.out.printf("storm of %d: all back in %.2f s, all caught up %.2f s after the storm (events published until %.2f s)%n",
                    CLIENTS, backSeconds, caughtUpSeconds, EVENTS * PUBLISH_EVERY_MILLIS / 1000.0);

            assertEquals(Map.of(), crowd.refusals(), "responses other than 200");
            assertEquals(0, crowd.resets(), "connections reset");
            List<Integer> expected = IntStream.rangeClosed(1, EVENTS).boxed().toList();
            List<List<Integer>> received = crowd.received();
            for (int i = 0; i < received.size(); i++) {
                assertEquals(expected, received.get(i), "client " + i + ": every event once, in order");
            }
            // The streams the clients closed are gone, not merely replaced.
            assertTrue(Await.until(() -> Api.metric("herald_connections_open", null) <= openBefore + CLIENTS, 3000),
                    "open streams: " + Api.metric("herald_connections_open", null) + ", expected at most " + (openBefore + CLIENTS));
            assertEquals(200, Api.get("/health/ready", Map.of()).statusCode(), "the node stays ready");
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
