package dev.herald.metrics;

import dev.herald.testing.Api;
import dev.herald.testing.Prometheus;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.StalledStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /metrics} as a Prometheus server scrapes it: counters typed {@code counter} and named
 * {@code _total}, the delivery latency a real histogram in seconds per transport, and the
 * streams' backlog as gauges that move when a client stops reading.
 */
@ExtendWith(SharedNode.class)
class PrometheusIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Test
    void countsAreCountersAndDeliveryLatencyIsAHistogramPerTransport() {
        String topic = "custom/prom-" + System.nanoTime();
        Prometheus before = Prometheus.scrape();
        try (var stream = RawStream.open("/api/events?topic=" + topic)) {
            for (int i = 0; i < 20; i++) Api.publish(topic, "tick", "{\"i\":" + i + "}");
            assertEquals(20, stream.events("tick", 20, WAIT).size());
        }
        Prometheus after = Prometheus.scrape();

        for (String counter : List.of("herald_events_published_total", "herald_events_delivered_total",
                "herald_events_replayed_total", "herald_resets_total", "herald_connections_opened_total", "herald_disconnects_total")) {
            assertEquals("counter", after.types().get(counter), counter + " is a counter:\n" + after.text());
        }
        after.types().forEach((name, type) -> {
            if (name.startsWith("herald_") && name.endsWith("_total")) assertEquals("counter", type, name + " ends in _total");
        });
        assertTrue(after.value("herald_events_published_total") - before.value("herald_events_published_total") >= 20);
        assertTrue(after.value("herald_events_delivered_total") - before.value("herald_events_delivered_total") >= 20);
        assertFalse(after.find("herald_disconnects_total", "reason=\"client_gone\"").isEmpty(), "one series per reason");

        for (String gauge : List.of("herald_connections_open", "herald_stream_queued_events", "herald_stream_queue_depth_max",
                "herald_stream_oldest_queued_seconds")) {
            assertEquals("gauge", after.types().get(gauge), gauge + " is a gauge");
        }

        String latency = "herald_delivery_latency_seconds";
        assertEquals("histogram", after.types().get(latency), "a histogram, not a summary:\n" + after.text());
        // The server's transport: servlet, or jaxrs when the JAX-RS transport's execution runs this class.
        String servlet = "transport=\"" + System.getProperty("herald.it.transport", "servlet") + "\"";
        double count = after.value(latency + "_count", servlet);
        double countBefore = before.find(latency + "_count", servlet).stream().mapToDouble(Prometheus.Sample::value).sum();
        assertTrue(count - countBefore >= 20, "every delivery measured: " + count + " after " + countBefore);
        double sum = after.value(latency + "_sum", servlet);
        assertTrue(sum > 0 && sum / count < 1, "seconds, and well under a second each on loopback: " + sum + " / " + count);
        var buckets = after.find(latency + "_bucket", servlet);
        assertTrue(buckets.size() >= 10, "the configured buckets: " + buckets);
        assertEquals(count, after.value(latency + "_bucket", servlet, "le=\"+Inf\""), "+Inf holds every observation");
        assertTrue(after.value(latency + "_bucket", servlet, "le=\"0.1\"") >= 20, "loopback deliveries take under 100 ms");
        assertTrue(after.find(latency, "quantile").isEmpty(), "no summary quantiles mixed in");
    }

    @Test
    void aStreamThatStopsReadingShowsInTheBacklogGauges() throws Exception {
        String topic = "custom/backlog-" + System.nanoTime();
        String pad = "\"" + "b".repeat(60_000) + "\"";
        try (var stalled = new StalledStream("/api/events?topic=" + topic, null)) {
            // Until the sockets' buffers (megabytes on loopback) are full and events queue, well short of the queue's 200.
            Prometheus now = Prometheus.scrape();
            for (int i = 0; i < 150 && now.value("herald_stream_queued_events") == 0; i++) {
                Api.publish(topic, "bulk", "{\"pad\":" + pad + "}");
                if (i % 10 == 9) {
                    Thread.sleep(600);
                    now = Prometheus.scrape();
                }
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && now.value("herald_stream_oldest_queued_seconds") <= 0.5) {
                Thread.sleep(200);
                now = Prometheus.scrape();
            }
            assertTrue(now.value("herald_stream_queued_events") > 0, "events wait for the stalled client:\n" + now.text());
            assertTrue(now.value("herald_stream_queue_depth_max") > 0, "its queue is the deepest");
            assertTrue(now.value("herald_stream_oldest_queued_seconds") > 0.5, "and they are getting old");
        }
        // Once it is gone its backlog goes with it.
        long deadline = System.nanoTime() + WAIT.toNanos();
        double queued;
        do {
            Thread.sleep(200);
            queued = Prometheus.scrape().value("herald_stream_queued_events");
        } while (queued > 0 && System.nanoTime() < deadline);
        assertEquals(0, queued, "the closed stream's queue is gone");
    }
}
