package dev.herald.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's p50 and p99: within a bucket's width of the truth, and a new window each look. */
class LatencyWindowTest {

    private static void near(double expected, double actual) {
        assertTrue(actual >= expected / 1.19 && actual <= expected * 1.19, actual + " is not within 19% of " + expected);
    }

    @Test
    void percentilesOfAKnownSpread() {
        var w = new LatencyWindow();
        // 1..1000 µs, evenly: p50 = 0.5 ms, p99 = 0.99 ms.
        for (int us = 1; us <= 1000; us++) w.record(us * 1000L);
        Delivery p = w.take();
        assertEquals(1000, p.count());
        near(0.5, p.p50Millis());
        near(0.99, p.p99Millis());
    }

    @Test
    void aFewSlowDeliveriesShowInP99NotInP50() {
        var w = new LatencyWindow();
        for (int i = 0; i < 980; i++) w.record(2_000_000L);
        for (int i = 0; i < 20; i++) w.record(300_000_000L);
        Delivery p = w.take();
        near(2, p.p50Millis());
        near(300, p.p99Millis());
    }

    @Test
    void eachTakeStartsAFreshWindowAndAnEmptyOneReadsZero() {
        var w = new LatencyWindow();
        w.record(5_000_000L);
        assertEquals(1, w.take().count());
        Delivery empty = w.take();
        assertEquals(new Delivery(0, 0, 0), empty);
        w.record(Long.MAX_VALUE);
        w.record(-5);
        assertEquals(2, w.take().count(), "out-of-range values land in the end buckets");
    }
}
