package dev.herald.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which statuses are errors: the server's failures, not the client's mistakes. */
class RequestMeterTest {

    @Test
    void fiveHundredsAreErrorsFourHundredsAreNot() {
        assertTrue(RequestMeter.isError(500));
        assertTrue(RequestMeter.isError(503));
        assertTrue(RequestMeter.isError(599));
        assertFalse(RequestMeter.isError(400));
        assertFalse(RequestMeter.isError(404));
        assertFalse(RequestMeter.isError(429));
        assertFalse(RequestMeter.isError(200));
        assertFalse(RequestMeter.isError(304));
    }

    @Test
    void fourHundredsCountAsRequestsAndTimeButNotAsErrors() {
        var meter = new RequestMeter();
        meter.record(4_000_000, 404);
        meter.record(2_000_000, 400);
        meter.record(6_000_000, 503);
        RequestStats s = meter.stats();
        assertEquals(3, s.requestsPerMinute());
        assertEquals(1.0 / 3, s.errorRate(), 1e-9);
        assertEquals(4.0, s.avgResponseMillis(), 1e-9);
    }
}
