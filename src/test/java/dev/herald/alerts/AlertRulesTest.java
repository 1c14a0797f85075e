package dev.herald.alerts;

import dev.herald.boot.ShippedDefaults;
import dev.herald.metrics.Metric;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertRulesTest {
    private static final Duration HOLD = Duration.ofSeconds(10);

    @Test
    void defaultsAreTheFourOfTheIssue() {
        List<AlertRule> rules = AlertRules.parse(ShippedDefaults.of("herald.alerts.rules"), HOLD, 0.1);
        assertEquals(List.of(Metric.ERROR_RATE, Metric.AVG_RESPONSE_TIME, Metric.MEMORY_USAGE, Metric.SYSTEM_LOAD),
                rules.stream().map(AlertRule::metric).toList());
        AlertRule errors = rules.get(0);
        assertEquals(0.05, errors.threshold());
        assertEquals(0.045, errors.clearAt(), 1e-12);
        assertEquals("critical", errors.severity());
        assertEquals(HOLD, errors.hold());
        assertEquals(900.0, rules.get(1).clearAt(), 1e-9);
    }

    @Test
    void spacesAndNoneAreAllowed() {
        assertEquals(1, AlertRules.parse(" errorRate > 0.2 : warning , ", HOLD, 0).size());
        assertTrue(AlertRules.parse("none", HOLD, 0.1).isEmpty());
    }

    @Test
    void mistakesNameTheRule() {
        var unknown = assertThrows(IllegalArgumentException.class, () -> AlertRules.parse("cpu>0.5:warning", HOLD, 0.1));
        assertTrue(unknown.getMessage().contains("'cpu'"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AlertRules.parse("errorRate>lots:warning", HOLD, 0.1));
        assertThrows(IllegalArgumentException.class, () -> AlertRules.parse("errorRate>0.1:panic", HOLD, 0.1));
        assertThrows(IllegalArgumentException.class, () -> AlertRules.parse("errorRate0.1", HOLD, 0.1));
        assertThrows(IllegalArgumentException.class, () -> AlertRules.parse("errorRate>0.1:warning,errorRate>0.2:critical", HOLD, 0.1));
    }
}
