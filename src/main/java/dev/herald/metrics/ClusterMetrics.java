package dev.herald.metrics;

import java.util.List;

/**
 * Where each node's reading meets the others'. One node ({@link #leads}) publishes the
 * cluster's {@code metrics_update} and feeds the alert rules, so a cluster of n nodes
 * does not send n updates (and n alerts) per interval.
 */
public interface ClusterMetrics {

    /** Leaves this node's reading for the others; returns every live node's, this one's included. */
    List<NodeSample> report(NodeSample self);

    boolean leads();

    /** One node: itself, always leading. */
    ClusterMetrics SINGLE = new ClusterMetrics() {
        @Override
        public List<NodeSample> report(NodeSample self) {
            return List.of(self);
        }

        @Override
        public boolean leads() {
            return true;
        }
    };
}
