package dev.herald.alerts;

import dev.herald.metrics.MetricsProbe;
import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.SseEvent;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forced server errors on a real Liberty fire the error-rate alert once and, when
 * good traffic dilutes them, resolve it once (test server: hold 1 s, sample every
 * 500 ms; default rule errorRate > 5 %, cleared at 4.5 %).
 */
@ExtendWith(SharedNode.class)
class AlertsIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static boolean errorRateAlert(SseEvent e, String state) {
        return "alert".equals(e.event()) && "errorRate".equals(data(e).getString("metric")) && state.equals(data(e).getString("state"));
    }

    private static JsonObject data(SseEvent e) {
        return e.json().getJsonObject("data");
    }

    private static List<JsonObject> firingNow() {
        var r = Api.get("/api/alerts", Map.of());
        assertEquals(200, r.statusCode());
        var list = new ArrayList<JsonObject>();
        for (var v : Api.json("{\"a\":" + r.body() + "}").getJsonArray("a")) list.add(v.asJsonObject());
        return list;
    }

    @Test
    void forcingFailuresNeedsThePublisher() {
        assertEquals(401, Api.postJson("/api/admin/fail", null, null).statusCode());
        var badStatus = Api.postJson("/api/admin/fail?status=404", null, Api.PUBLISHER_TOKEN);
        assertEquals(400, badStatus.statusCode(), "only 5xx can be forced");
        assertEquals("status", Api.json(badStatus.body()).getString("field"));
    }

    @Test
    void forcedErrorsFireOneAlertAndItsResolutionEachOnce() {
        var seen = new ArrayList<SseEvent>();
        String watcher = Api.signIn("alert-watcher");
        try (var stream = RawStream.open("/api/events?topic=alerts&topic=events&topic=metrics")) {
            MetricsProbe.forceFailures(20, 500, 0);

            SseEvent fired = stream.await(e -> {
                seen.add(e);
                return errorRateAlert(e, "firing");
            }, WAIT);
            JsonObject alert = data(fired);
            assertNotNull(fired.id(), "alerts are retained events");
            assertEquals("critical", alert.getString("severity"));
            assertEquals(0.05, alert.getJsonNumber("threshold").doubleValue());
            assertTrue(alert.getJsonNumber("value").doubleValue() > 0.05, alert.toString());
            String alertId = alert.getString("id");
            assertTrue(firingNow().stream().anyMatch(a -> alertId.equals(a.getString("id"))), "GET /api/alerts lists it");

            // 20 errors among 600+ requests is under 4.5 %: the alert clears after its hold.
            for (int i = 0; i < 600; i++) assertEquals(200, Api.get("/api/metrics", Map.of()).statusCode());

            SseEvent resolved = stream.await(e -> {
                seen.add(e);
                return errorRateAlert(e, "resolved");
            }, WAIT);
            assertEquals(alertId, data(resolved).getString("id"), "the resolution names the alert it ends");
            assertTrue(data(resolved).getJsonNumber("value").doubleValue() <= 0.045, data(resolved).toString());

            // Four more samples (2 s, twice the hold): nothing fires again, nothing resolves twice.
            int samples = 0;
            while (samples < 4) {
                SseEvent e = stream.next(WAIT);
                assertNotNull(e, "the stream went quiet");
                seen.add(e);
                if ("metrics_update".equals(e.event())) samples++;
            }
        }
        assertEquals(1, seen.stream().filter(e -> errorRateAlert(e, "firing")).count(), "fired once");
        assertEquals(1, seen.stream().filter(e -> errorRateAlert(e, "resolved")).count(), "resolved once");
        assertTrue(seen.stream().anyMatch(e -> "system_event".equals(e.event())
                        && "alert_firing".equals(data(e).getString("kind")) && "errorRate".equals(data(e).getJsonObject("details").getString("metric"))),
                "the firing is a system event too");
        assertTrue(firingNow().stream().noneMatch(a -> "errorRate".equals(a.getString("metric"))), "no longer listed as firing");

        // Signed-in users are told too: a warning when it fired, a success when it resolved.
        var notes = Api.json(Api.get("/api/notifications", Map.of("Authorization", "Bearer " + watcher)).body())
                .getJsonArray("notifications").getValuesAs(JsonObject.class);
        assertTrue(notes.stream().anyMatch(n -> "warning".equals(n.getString("type")) && n.getString("message").contains("above")),
                "a warning notification for the firing: " + notes);
        assertTrue(notes.stream().anyMatch(n -> "success".equals(n.getString("type"))), "a success notification for the resolution: " + notes);
    }
}
