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
        boolean crossing = firing == null ? rule.breached(value) : rule.cleared(value);
        if (!heldLongEnough(crossing, now)) return Optional.empty();
        if (firing == null) {
            firing = new Alert(rule.metric().key() + "-" + now, rule.metric(), value, rule.threshold(),
                    rule.severity(), Alert.State.FIRING, now, 0);
            return Optional.of(firing);
        }
        Alert resolved = firing.resolved(value, now);
        firing = null;
        return Optional.of(resolved);
    }

    /** Whether a crossing (to firing, or back) has lasted the rule's hold; a reading that does not cross starts the run again. */
    private boolean heldLongEnough(boolean crossing, long now) {
        if (!crossing) {
            runSince = -1;
            return false;
        }
        if (runSince < 0) runSince = now;
        if (now - runSince < rule.hold().toMillis()) return false;
        runSince = -1;
        return true;
    }
}
