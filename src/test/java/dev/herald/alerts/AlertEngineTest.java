package dev.herald.alerts;

import dev.herald.boot.ShippedDefaults;
import dev.herald.metrics.Metric;
import dev.herald.metrics.MetricsSample;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hold time and hysteresis: one firing and one resolution per real crossing, never a storm. */
class AlertEngineTest {
    private static final Duration HOLD = Duration.ofSeconds(5);

    /** Error rate over 5 %, cleared at 4.5 % (10 % hysteresis), held 5 s. */
    private final AlertEngine engine = new AlertEngine(
            AlertRules.parse("errorRate>0.05:critical", HOLD, 0.1));
    private final List<Alert> seen = new ArrayList<>();

    private static MetricsSample errorRate(long t, double rate) {
        return new MetricsSample(t, 0, 0, 100, rate, 10, 0.1, 0.1);
    }

    /** One reading a second from {@code fromSecond}. */
    private void feed(long fromSecond, double... rates) {
        for (int i = 0; i < rates.length; i++) seen.addAll(engine.observe(errorRate((fromSecond + i) * 1000, rates[i])));
    }

    private List<String> states() {
        return seen.stream().map(a -> a.state().wireName()).toList();
    }

    @Test
    void quietBelowTheLine() {
        feed(0, 0, 0.01, 0.05, 0.049, 0.05);
        assertTrue(seen.isEmpty(), "exactly at the threshold is not above it");
        assertTrue(engine.firing().isEmpty());
    }

    @Test
    void firesOnlyAfterTheBreachIsHeldForTheHoldTime() {
        feed(0, 0.2, 0.2, 0.2, 0.2, 0.2);
        assertTrue(seen.isEmpty(), "4 s above is not yet 5 s");
        feed(5, 0.2);
        assertEquals(List.of("firing"), states());
        Alert a = seen.get(0);
        assertEquals(Metric.ERROR_RATE, a.metric());
        assertEquals(0.05, a.threshold());
        assertEquals(0.2, a.value());
        assertEquals("critical", a.severity());
        assertEquals(5000, a.firedAt());
        assertEquals(List.of(a), engine.firing());
    }

    @Test
    void aBriefSpikeDoesNotFire() {
        feed(0, 0.3, 0.3, 0.3, 0.01, 0.3, 0.3, 0.3, 0.3, 0.01);
        assertTrue(seen.isEmpty(), "no run of 5 s above the line");
    }

    @Test
    void firesOnceHowEverLongItStaysHigh() {
        double[] high = new double[120];
        java.util.Arrays.fill(high, 0.5);
        feed(0, high);
        assertEquals(List.of("firing"), states());
    }

    @Test
    void hoveringAroundTheThresholdAfterFiringNeitherResolvesNorRefires() {
        feed(0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
        assertEquals(List.of("firing"), states());
        // Back and forth across 5 % but never down to 4.5 %: the hysteresis band.
        feed(6, 0.049, 0.051, 0.046, 0.055, 0.047, 0.049, 0.048, 0.0499, 0.046, 0.052, 0.047, 0.046);
        assertEquals(List.of("firing"), states());
        assertEquals(1, engine.firing().size());
    }

    @Test
    void resolvesOnceAfterTheClearIsHeldAndThenCanFireAgain() {
        feed(0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
        feed(6, 0.04, 0.04, 0.04, 0.04, 0.04);
        assertEquals(List.of("firing"), states(), "4 s below the clear line is not yet 5 s");
        feed(11, 0.04);
        assertEquals(List.of("firing", "resolved"), states());
        Alert fired = seen.get(0), resolved = seen.get(1);
        assertEquals(fired.id(), resolved.id(), "one crossing, one id");
        assertEquals(0.04, resolved.value());
        assertEquals(11_000, resolved.resolvedAt());
        assertTrue(engine.firing().isEmpty());
        feed(12, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01);
        assertEquals(2, seen.size(), "no second resolution");
        feed(20, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2);
        assertEquals(List.of("firing", "resolved", "firing"), states());
        assertTrue(!seen.get(2).id().equals(fired.id()), "a new crossing is a new alert");
    }

    @Test
    void aDipBelowTheClearLineInterruptedByARiseStartsTheHoldAgain() {
        feed(0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
        feed(6, 0.01, 0.01, 0.01, 0.01, 0.046, 0.01, 0.01, 0.01, 0.01);
        feed(15, 0.01);
        assertEquals(List.of("firing"), states(), "the run below 4.5 % was broken at 10 s and restarted at 11 s");
        feed(16, 0.01);
        assertEquals(List.of("firing", "resolved"), states());
    }

    @Test
    void zeroHoldFiresAndResolvesOnTheFirstReading() {
        var quick = new AlertEngine(AlertRules.parse("avgResponseTime>1000:warning", Duration.ZERO, 0.1));
        var sample = new MetricsSample(1, 0, 0, 1, 0, 1500, 0, 0);
        assertEquals("firing", quick.observe(sample).get(0).state().wireName());
        assertTrue(quick.observe(new MetricsSample(2, 0, 0, 1, 0, 950, 0, 0)).isEmpty(), "950 ms is inside the band");
        assertEquals("resolved", quick.observe(new MetricsSample(3, 0, 0, 1, 0, 900, 0, 0)).get(0).state().wireName());
    }

    @Test
    void rulesAreIndependent() {
        var both = new AlertEngine(AlertRules.parse(ShippedDefaults.of("herald.alerts.rules"), Duration.ZERO, 0.1));
        var changes = both.observe(new MetricsSample(1, 0, 0, 10, 0.5, 10, 0.95, 0.5));
        assertEquals(List.of(Metric.ERROR_RATE, Metric.SYSTEM_LOAD), changes.stream().map(Alert::metric).toList());
        assertEquals(2, both.firing().size());
    }
}
