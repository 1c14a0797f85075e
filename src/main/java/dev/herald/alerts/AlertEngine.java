package dev.herald.alerts;

import dev.herald.metrics.MetricsSample;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every rule's tracker, fed one sample at a time. No I/O: {@link AlertMonitor} publishes what comes out. */
public final class AlertEngine {
    private final List<AlertTracker> trackers;

    public AlertEngine(List<AlertRule> rules) {
        this.trackers = rules.stream().map(AlertTracker::new).toList();
    }

    /** The alerts this sample fires or resolves, each transition exactly once. */
    public synchronized List<Alert> observe(MetricsSample sample) {
        var changes = new ArrayList<Alert>();
        for (AlertTracker t : trackers) {
            t.observe(sample.value(t.rule().metric()), sample.timestamp()).ifPresent(changes::add);
        }
        return changes;
    }

    public synchronized List<Alert> firing() {
        return trackers.stream().map(AlertTracker::firing).flatMap(Optional::stream).toList();
    }
}
