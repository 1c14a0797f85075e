package dev.herald.health;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MicroProfile Health and Metrics report the hub. */
@ExtendWith(SharedNode.class)
class HealthIT {

    @Test
    void readinessIncludesTheHub() {
        var response = Api.get("/health/ready", Map.of());
        assertEquals(200, response.statusCode());
        var body = Api.json(response.body());
        assertEquals("UP", body.getString("status"));
        assertTrue(body.getJsonArray("checks").stream()
                .anyMatch(c -> c.asJsonObject().getString("name").equals("hub")), response.body());
    }

    @Test
    void metricsCountOpenConnections() throws Exception {
        SharedNode.awaitNoStreams();
        double before = Api.metric("herald_connections_open", null);
        try (var stream = RawStream.open("/api/events?topic=events")) {
            stream.next(Duration.ofSeconds(5));
            assertEquals(before + 1, Api.metric("herald_connections_open", null));
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (Api.metric("herald_connections_open", null) > before && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertEquals(before, Api.metric("herald_connections_open", null), "a closed stream must free its slot");
    }
}
