package dev.herald.metrics;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.SseEvent;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.herald.metrics.MetricsProbe.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The metrics topic and REST calls on a real Liberty, sampling every 500 ms (the
 * test server's {@code herald.metrics.interval}). Nothing in this class answers
 * 5xx, so its error rate must stay at zero whatever else it does.
 */
@ExtendWith(SharedNode.class)
class MetricsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final long INTERVAL_MS = 500;
    private static final List<String> SIX = List.of("activeUsers", "requestsPerMinute", "errorRate", "avgResponseTime", "systemLoad", "memoryUsage");

    private static void assertSixFigures(JsonObject data) {
        for (String key : SIX) assertTrue(data.containsKey(key), key + " missing from " + data);
        for (String fraction : List.of("errorRate", "systemLoad", "memoryUsage")) {
            double v = number(data, fraction);
            assertTrue(v >= 0 && v <= 1, fraction + " is a fraction: " + data);
        }
        assertTrue(number(data, "memoryUsage") > 0, "a running JVM uses some heap: " + data);
        assertTrue(number(data, "avgResponseTime") >= 0 && number(data, "requestsPerMinute") >= 0, data.toString());
    }

    @Test
    void streamGivesTheCurrentSampleAtOnceThenAnUpdatePerInterval() {
        long opened = System.nanoTime();
        try (var stream = RawStream.open("/api/events?topic=metrics")) {
            SseEvent snapshot = stream.await(e -> "metrics_update".equals(e.event()), WAIT);
            long waitedMs = (System.nanoTime() - opened) / 1_000_000;
            assertNull(snapshot.id(), "the snapshot has no id, so it never moves the resume point");
            assertTrue(waitedMs < 2_000, "the snapshot came " + waitedMs + " ms after opening");
            assertSixFigures(snapshot.json().getJsonObject("data"));
            assertEquals(1, snapshot.json().getJsonObject("data").getJsonArray("nodes").size(), "one node: itself");
            long snapshotAt = snapshot.json().getJsonNumber("timestamp").longValue();

            List<SseEvent> updates = stream.events("metrics_update", 5, WAIT);
            assertEquals(5, updates.size(), "updates keep coming");
            long previous = snapshotAt;
            for (SseEvent u : updates) {
                assertNotNull(u.id(), "live updates are retained events with ids");
                long t = u.json().getJsonNumber("timestamp").longValue();
                assertTrue(t > previous, "each update is a new sample");
                assertSixFigures(u.json().getJsonObject("data"));
                previous = t;
            }
            long first = updates.get(0).json().getJsonNumber("timestamp").longValue();
            double meanGap = (previous - first) / 4.0;
            assertTrue(meanGap > INTERVAL_MS * 0.6 && meanGap < INTERVAL_MS * 2.5, "one update per 500 ms interval, mean gap " + meanGap);
        }
    }

    @Test
    void aResumingClientGetsTheCurrentSampleNotTheSamplesItMissed() {
        String firstId;
        try (var stream = RawStream.open("/api/events?topic=metrics")) {
            firstId = stream.await(e -> "metrics_update".equals(e.event()) && e.id() != null, WAIT).id();
        }
        long later = System.currentTimeMillis() + 4 * INTERVAL_MS;
        MetricsProbe.await(s -> s.getJsonNumber("timestamp").longValue() > later, WAIT, "four intervals later");
        long openedAt = System.currentTimeMillis();
        try (var stream = RawStream.open("/api/events?topic=metrics", Map.of("Last-Event-ID", firstId))) {
            List<SseEvent> seen = stream.events("metrics_update", 3, WAIT);
            assertEquals(3, seen.size());
            assertNull(seen.get(0).id(), "the current sample comes first, as a snapshot: " + seen);
            // Conflated: the samples taken while it was away are not replayed, not even with ids.
            long replayed = seen.stream().filter(e -> e.id() != null)
                    .filter(e -> e.json().getJsonNumber("timestamp").longValue() < openedAt).count();
            assertEquals(0, replayed, "no backlog of old samples: " + seen);
            assertTrue(seen.stream().noneMatch(e -> "reset".equals(e.event())));
        }
    }

    @Test
    void requestsOfEveryKindCountAndFourHundredsAreNotErrors() {
        JsonObject before = MetricsProbe.current();
        for (int i = 0; i < 50; i++) assertEquals(200, Api.get("/api/metrics/history?minutes=1", Map.of()).statusCode());
        for (int i = 0; i < 20; i++) assertEquals(400, Api.get("/api/metrics/history?minutes=0", Map.of()).statusCode());
        for (int i = 0; i < 10; i++) assertEquals(404, Api.get("/no-such-page-" + i + ".html", Map.of()).statusCode());
        long wanted = before.getJsonNumber("requestsPerMinute").longValue() + 80;
        JsonObject after = MetricsProbe.await(s -> s.getJsonNumber("requestsPerMinute").longValue() >= wanted, WAIT,
                "with the 80 requests counted");
        assertEquals(0.0, number(after, "errorRate"), "4xx are the client's mistakes, not server errors");
        assertTrue(number(after, "avgResponseTime") > 0, "served requests take time: " + after);
    }

    @Test
    void activeUsersAreDistinctSignedInUsersAndAnonymousStreamsAreCountedApart() {
        String token = Api.signIn("metrics-" + UUID.randomUUID().toString().substring(0, 8));
        var bearer = Map.of("Authorization", "Bearer " + token);
        try (var tab1 = RawStream.open("/api/events?topic=metrics", bearer);
             var tab2 = RawStream.open("/api/events?topic=alerts", bearer);
             var anonymous = RawStream.open("/api/events?topic=metrics")) {
            MetricsProbe.await(s -> s.getInt("activeUsers") == 1 && s.getInt("anonymousConnections") == 1, WAIT,
                    "with one user (two streams) and one anonymous stream");
        }
        MetricsProbe.await(s -> s.getInt("activeUsers") == 0 && s.getInt("anonymousConnections") == 0, WAIT,
                "after every stream closed");
    }

    @Test
    void historyKeepsOneSamplePerIntervalAndRefusesBadRanges() {
        JsonObject first = Api.json(Api.get("/api/metrics/history?minutes=1", Map.of()).body());
        assertEquals(INTERVAL_MS, first.getJsonNumber("interval").longValue());
        assertEquals(1, first.getInt("minutes"));
        int n = first.getJsonArray("samples").size();
        long until = System.currentTimeMillis() + 3 * INTERVAL_MS;
        MetricsProbe.await(s -> s.getJsonNumber("timestamp").longValue() > until, WAIT, "three intervals later");
        var samples = Api.json(Api.get("/api/metrics/history?minutes=1", Map.of()).body()).getJsonArray("samples");
        assertTrue(samples.size() >= Math.min(n + 3, 120), "the history grew: " + n + " -> " + samples.size());
        assertTrue(samples.size() <= 60_000 / INTERVAL_MS + 1, "one minute holds at most 120 samples: " + samples.size());
        long previous = 0;
        for (var s : samples) {
            long t = s.asJsonObject().getJsonNumber("timestamp").longValue();
            assertTrue(t > previous, "oldest first, one per interval");
            assertSixFigures(s.asJsonObject());
            previous = t;
        }
        assertEquals(15, Api.json(Api.get("/api/metrics/history", Map.of()).body()).getInt("minutes"), "15 minutes by default");
        var tooFar = Api.get("/api/metrics/history?minutes=61", Map.of());
        assertEquals(400, tooFar.statusCode());
        assertEquals("minutes", Api.json(tooFar.body()).getString("field"));
        assertEquals(400, Api.get("/api/metrics/history?minutes=abc", Map.of()).statusCode());
    }

    @Test
    void dashboardAndUPlotFromItsWebJarAreServed() {
        var page = Api.get("/dashboard.html", Map.of());
        assertEquals(200, page.statusCode());
        for (String key : SIX) assertTrue(page.body().contains("data-metric=\"" + key + "\""), key + " card");
        assertTrue(page.body().contains("data-testid=\"system-events\""));
        var esm = Api.get("/webjars/uplot/1.6.30/dist/uPlot.esm.js", Map.of());
        assertEquals(200, esm.statusCode(), "uPlot is served from the WebJar inside the WAR");
        assertTrue(esm.body().contains("export { uPlot as default }"), "the ES module build");
        assertEquals(200, Api.get("/webjars/uplot/1.6.30/dist/uPlot.min.css", Map.of()).statusCode());
    }
}
