package dev.herald.metrics;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsHistoryTest {

    private static MetricsSample at(long t) {
        return new MetricsSample(t, 1, 0, t, 0, 0, 0, 0);
    }

    private static List<Long> times(List<MetricsSample> samples) {
        return samples.stream().map(MetricsSample::timestamp).toList();
    }

    @Test
    void emptyRingHasNothing() {
        var h = new MetricsHistory(3);
        assertEquals(0, h.size());
        assertTrue(h.since(0).isEmpty());
    }

    @Test
    void keepsEverythingUntilFullOldestFirst() {
        var h = new MetricsHistory(3);
        h.add(at(1));
        h.add(at(2));
        assertEquals(List.of(1L, 2L), times(h.since(0)));
        h.add(at(3));
        assertEquals(List.of(1L, 2L, 3L), times(h.since(0)));
        assertEquals(3, h.size());
    }

    @Test
    void overwritesTheOldestAndNeverGrowsPastCapacity() {
        var h = new MetricsHistory(3);
        for (long t = 1; t <= 10; t++) h.add(at(t));
        assertEquals(3, h.size());
        assertEquals(3, h.capacity());
        assertEquals(List.of(8L, 9L, 10L), times(h.since(0)));
    }

    @Test
    void sinceCutsByTimestampInclusive() {
        var h = new MetricsHistory(5);
        for (long t = 1; t <= 7; t++) h.add(at(t * 1000));
        assertEquals(List.of(5000L, 6000L, 7000L), times(h.since(5000)));
        assertTrue(h.since(8000).isEmpty());
    }

    @Test
    void capacityOfOneKeepsTheNewest() {
        var h = new MetricsHistory(1);
        h.add(at(1));
        h.add(at(2));
        assertEquals(List.of(2L), times(h.since(0)));
    }

    @Test
    void zeroCapacityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MetricsHistory(0));
    }

    @Test
    void settingsGiveOneSlotPerIntervalOfTheHistory() {
        var hour = new MetricsSettings(Duration.ofSeconds(1), Duration.ofHours(1));
        assertEquals(3600, hour.capacity());
        assertEquals(60, hour.historyMinutes());
        var odd = new MetricsSettings(Duration.ofMillis(700), Duration.ofSeconds(90));
        assertEquals(129, odd.capacity(), "rounded up: the whole history fits");
        assertEquals(2, odd.historyMinutes());
        assertThrows(IllegalArgumentException.class, () -> new MetricsSettings(Duration.ofMillis(10), Duration.ofHours(1)));
        assertThrows(IllegalArgumentException.class, () -> new MetricsSettings(Duration.ofMillis(100), Duration.ofDays(365)));
    }
}
