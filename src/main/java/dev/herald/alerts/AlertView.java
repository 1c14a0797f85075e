package dev.herald.alerts;

import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

import java.math.BigDecimal;

/**
 * An alert as clients see it (docs/api.md, "alert"): the data of the {@code alert} event and
 * an item of {@code GET /api/alerts}. {@code resolvedAt} only once resolved. Readings are
 * decimals as {@link BigDecimal#valueOf(double)} writes them ({@code 0.12}, {@code 42.0}).
 */
@JsonbPropertyOrder({"id", "metric", "value", "threshold", "severity", "state", "message", "firedAt", "resolvedAt"})
public record AlertView(String id, String metric, BigDecimal value, BigDecimal threshold, String severity, String state,
                        String message, long firedAt, @JsonbNillable(false) Long resolvedAt) {

    public static AlertView of(Alert a) {
        return new AlertView(a.id(), a.metric().key(), BigDecimal.valueOf(a.value()), BigDecimal.valueOf(a.threshold()),
                a.severity(), a.state().wireName(), a.describe(), a.firedAt(),
                a.state() == Alert.State.RESOLVED ? a.resolvedAt() : null);
    }
}
