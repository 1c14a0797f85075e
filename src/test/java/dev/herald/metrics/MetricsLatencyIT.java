package dev.herald.metrics;

import dev.herald.testing.Api;
import dev.herald.testing.SharedNode;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static dev.herald.metrics.MetricsProbe.number;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Average response time follows real requests: slow ones add their time, fast ones bring it
 * down. (Not "slow ones raise it": on a busy machine the fresh node's first request took 880 ms,
 * more than the slow ones.) A fresh node, so its 5xx touch no other test.
 */
@ExtendWith(SharedNode.class)
@SharedNode.Fresh
class MetricsLatencyIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static long rpm(JsonObject s) {
        return s.getJsonNumber("requestsPerMinute").longValue();
    }

    private static long errors(JsonObject s) {
        return Math.round(number(s, "errorRate") * rpm(s));
    }

    @Test
    void slowRequestsAddTheirTimeAndFastOnesBringTheAverageDown() {
        JsonObject before = MetricsProbe.current();
        double totalBefore = number(before, "avgResponseTime") * rpm(before);

        MetricsProbe.forceFailures(4, 503, 400);
        long errorsBefore = errors(before);
        JsonObject slow = MetricsProbe.await(s -> errors(s) >= errorsBefore + 4, WAIT, "with the slow requests");
        double totalSlow = number(slow, "avgResponseTime") * rpm(slow);
        assertTrue(totalSlow - totalBefore >= 4 * 400 * 0.95,
                "four 400 ms requests add at least 1.6 s of served time: " + before + " -> " + slow);
        assertTrue(number(slow, "errorRate") > 0, "503 is a server error");

        for (int i = 0; i < 200; i++) Api.get("/api/metrics", Map.of());
        JsonObject fast = MetricsProbe.await(s -> rpm(s) >= rpm(slow) + 200, WAIT, "with the fast requests");
        assertTrue(number(fast, "avgResponseTime") < number(slow, "avgResponseTime") / 2,
                "200 quick requests dilute the average: " + slow + " -> " + fast);
    }
}
