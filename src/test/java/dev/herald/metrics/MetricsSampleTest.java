package dev.herald.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MetricsSampleTest {

    @Test
    void dataCarriesTheSixFiguresAndAnonymousConnections() {
        var requests = new RequestStats(8, 1, 8 * 12_345_678L);
        var s = MetricsSample.of(1_764_300_000_000L, new Audience(3, 2), requests, 0.123456, 0.654321, new Delivery(40, 1.19, 6.73));
        var data = s.data();
        assertEquals(40, data.getInt("deliveries"));
        assertEquals(1.19, data.getJsonNumber("deliveryLatencyP50").doubleValue());
        assertEquals(6.73, data.getJsonNumber("deliveryLatencyP99").doubleValue());
        assertEquals(3, data.getInt("activeUsers"));
        assertEquals(2, data.getInt("anonymousConnections"));
        assertEquals(8, data.getInt("requestsPerMinute"));
        assertEquals(0.125, data.getJsonNumber("errorRate").doubleValue());
        assertEquals(12.3, data.getJsonNumber("avgResponseTime").doubleValue());
        assertEquals(0.1235, data.getJsonNumber("systemLoad").doubleValue());
        assertEquals(0.6543, data.getJsonNumber("memoryUsage").doubleValue());
        assertFalse(data.containsKey("timestamp"), "the envelope carries the time");
        assertEquals(1_764_300_000_000L, s.withTimestamp().getJsonNumber("timestamp").longValue());
    }

    @Test
    void aClusterSumsUsersAndRequestsWeighsErrorsAndTimesAndListsItsNodes() {
        var a = new NodeSample("a", 10, 0.2, 0.5, 3, 1, 100, 0.01, 20, new Delivery(10, 1.5, 9));
        var b = new NodeSample("b", 11, 0.6, 0.3, 2, 0, 300, 0.05, 40, new Delivery(30, 2.5, 4));
        var s = MetricsSample.of(12, List.of(a, b));
        assertEquals(5, s.activeUsers());
        assertEquals(1, s.anonymousConnections());
        assertEquals(400, s.requestsPerMinute());
        assertEquals(0.04, s.errorRate(), 1e-9);
        assertEquals(35.0, s.avgResponseTime(), 1e-9);
        assertEquals(0.6, s.systemLoad(), "load and memory: the busiest node's");
        assertEquals(0.5, s.memoryUsage());
        assertEquals(new Delivery(40, 2.5, 9), s.delivery(), "delivery: the slowest node's percentiles, every node's count");
        var nodes = s.data().getJsonArray("nodes");
        assertEquals(2, nodes.size());
        assertEquals("b", nodes.getJsonObject(1).getString("id"));
        assertEquals(11, nodes.getJsonObject(1).getJsonNumber("lastSeen").longValue());
        assertEquals(300, nodes.getJsonObject(1).getInt("requestsPerMinute"));
        assertFalse(new MetricsSample(0, 1, 0, 1, 0, 0, 0, 0).data().containsKey("nodes"), "a bare reading lists none");
    }

    @Test
    void valuesByMetricAndHowTheyRead() {
        var s = new MetricsSample(0, 4, 0, 90, 0.052, 1234.5, 0.5, 0.91);
        assertEquals(0.052, s.value(Metric.ERROR_RATE));
        assertEquals(1234.5, s.value(Metric.AVG_RESPONSE_TIME));
        assertEquals("5.2 %", Metric.ERROR_RATE.format(0.052));
        assertEquals("1234.5 ms", Metric.AVG_RESPONSE_TIME.format(1234.5));
        assertEquals("90", Metric.REQUESTS_PER_MINUTE.format(90));
    }
}
