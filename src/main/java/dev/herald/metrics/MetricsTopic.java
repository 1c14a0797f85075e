package dev.herald.metrics;

import dev.herald.api.OpenTopic;
import dev.herald.hub.Frame;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;

/** The {@code metrics} topic: anyone may follow it, and a new stream gets the current sample at once. */
@ApplicationScoped
public class MetricsTopic extends OpenTopic {
    @Inject
    LiveMetrics metrics;

    public MetricsTopic() {
        super(LiveMetrics.TOPIC);
    }

    @Override
    public List<Frame.Snapshot> snapshot(String topic, String userId) {
        MetricsSample now = metrics.latest();
        // None before the first sample is read at start.
        return now == null ? List.of() : List.of(new Frame.Snapshot(LiveMetrics.TOPIC, LiveMetrics.TYPE, now.data().toString(), now.timestamp()));
    }
}
