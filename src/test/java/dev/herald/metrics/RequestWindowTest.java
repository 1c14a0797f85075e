package dev.herald.metrics;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one-minute window over a synthetic request stream on a clock the test moves. */
class RequestWindowTest {
    private static final long MS = 1_000_000;

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RequestWindow window = new RequestWindow(now::get);

    private void at(long millis) {
        now.set(millis);
    }

    @Test
    void zeroTrafficIsZeroEverywhereNotUndefined() {
        RequestStats s = window.stats();
        assertEquals(0, s.requestsPerMinute());
        assertEquals(0.0, s.errorRate());
        assertEquals(0.0, s.avgResponseMillis());
    }

    @Test
    void countsAveragesAndErrorRateOverTheMinute() {
        at(10_000);
        window.record(10 * MS, false);
        window.record(30 * MS, true);
        at(40_500);
        window.record(20 * MS, false);
        window.record(40 * MS, false);
        RequestStats s = window.stats();
        assertEquals(4, s.requestsPerMinute());
        assertEquals(0.25, s.errorRate(), 1e-9);
        assertEquals(25.0, s.avgResponseMillis(), 1e-9);
    }

    @Test
    void aRequestCountsForSixtySecondsOfBucketsAndNotOneMore() {
        at(10_000);
        window.record(5 * MS, true);
        at(69_999);
        assertEquals(1, window.stats().requestsPerMinute(), "the 60th second still holds it");
        assertEquals(1.0, window.stats().errorRate());
        at(70_000);
        RequestStats gone = window.stats();
        assertEquals(0, gone.requestsPerMinute(), "a minute on, it has left the window");
        assertEquals(0.0, gone.errorRate());
        assertEquals(0.0, gone.avgResponseMillis());
    }

    @Test
    void oldRequestsLeaveWhileNewOnesStay() {
        at(10_000);
        window.record(100 * MS, true);
        at(50_000);
        window.record(10 * MS, false);
        at(70_000);
        RequestStats s = window.stats();
        assertEquals(1, s.requestsPerMinute());
        assertEquals(0.0, s.errorRate());
        assertEquals(10.0, s.avgResponseMillis(), 1e-9);
    }

    @Test
    void aSlotReusedAMinuteLaterStartsAfresh() {
        at(5_000);
        for (int i = 0; i < 10; i++) window.record(MS, true);
        at(65_200); // same slot (second 65 % 60 == 5), next minute
        window.record(3 * MS, false);
        RequestStats s = window.stats();
        assertEquals(1, s.requestsPerMinute());
        assertEquals(0.0, s.errorRate());
        assertEquals(3.0, s.avgResponseMillis(), 1e-9);
    }

    @Test
    void allErrorsIsRateOne() {
        for (int i = 0; i < 120; i++) {
            at(1_000_000 + i * 500L);
            window.record(2 * MS, true);
        }
        RequestStats s = window.stats();
        assertEquals(120, s.requestsPerMinute(), "120 requests over 60 s, all inside the window");
        assertEquals(1.0, s.errorRate());
        assertEquals(2.0, s.avgResponseMillis(), 1e-9);
    }

    @Test
    void steadyTrafficKeepsASteadyRate() {
        // 5 requests a second for three minutes: the window always holds 60 seconds' worth.
        for (int sec = 0; sec < 180; sec++) {
            for (int k = 0; k < 5; k++) {
                at(2_000_000 + sec * 1000L + k * 200L);
                window.record(MS, k == 0);
            }
        }
        RequestStats s = window.stats();
        assertEquals(300, s.requestsPerMinute());
        assertEquals(0.2, s.errorRate(), 1e-9);
    }

    @Test
    void aClockBeforeTheRequestsSeesNoneOfThem() {
        at(100_000);
        window.record(MS, false);
        at(90_000);
        assertEquals(0, window.stats().requestsPerMinute());
    }
}
