package dev.herald.alerts;

import java.util.Optional;

/**
 * One rule's state over time: quiet, breached but not yet held long enough,
 * firing, or firing and cleared but not yet held long enough. Not thread-safe;
 * {@link AlertEngine} serialises calls.
 */
final class AlertTracker {
    private final AlertRule rule;
    /** When the current run of breached (while quiet) or cleared (while firing) readings began; -1 for none. */
    private long runSince = -1;
    private Alert firing;

    AlertTracker(AlertRule rule) {
        this.rule = rule;
    }

    AlertRule rule() {
        return rule;
    }

    Optional<Alert> firing() {
        return Optional.ofNullable(firing);
    }

    /** Feeds one reading; returns the alert when this reading fires or resolves one. */
    Optional<Alert> observe(double value, long now) {
        long hold = rule.hold().toMillis();
        if (firing == null) {
            if (!rule.breached(value)) {
                runSince = -1;
                return Optional.empty();
            }
            if (runSince < 0) runSince = now;
            if (now - runSince < hold) return Optional.empty();
            runSince = -1;
            firing = new Alert(rule.metric().key() + "-" + now, rule.metric(), value, rule.threshold(),
                    rule.severity(), Alert.State.FIRING, now, 0);
            return Optional.of(firing);
        }
        if (!rule.cleared(value)) {
            runSince = -1;
            return Optional.empty();
        }
        if (runSince < 0) runSince = now;
        if (now - runSince < hold) return Optional.empty();
        runSince = -1;
        Alert resolved = firing.resolved(value, now);
        firing = null;
        return Optional.of(resolved);
    }
}
