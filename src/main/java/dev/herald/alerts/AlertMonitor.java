package dev.herald.alerts;

import dev.herald.boot.HeraldConfig;
import dev.herald.events.SystemEvents;
import dev.herald.http.JsonOut;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventHub;
import dev.herald.metrics.MetricsSample;
import dev.herald.notify.NotificationService;
import dev.herald.notify.NotificationType;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The {@code alerts} topic: each metrics sample goes through the configured rules,
 * and every firing and every resolution is published once as an {@code alert}
 * event, logged as a system event, and broadcast as a notification.
 */
@ApplicationScoped
public class AlertMonitor {
    public static final String TOPIC = "alerts";
    public static final String TYPE = "alert";
    private static final Logger LOG = Logger.getLogger(AlertMonitor.class.getName());

    @Inject
    EventHub hub;
    @Inject
    SystemEvents systemEvents;
    @Inject
    HeraldConfig config;
    @Inject
    NotificationService notifications;

    private AlertEngine engine;

    @PostConstruct
    void init() {
        engine = new AlertEngine(AlertRules.from(config));
    }

    /** Each sample the cluster publishes, fired by {@code LiveMetrics} on the node that leads. */
    void observe(@Observes MetricsSample sample) {
        for (Alert alert : engine.observe(sample)) {
            hub.publish(EventDraft.of(TOPIC, TYPE, JsonOut.of(AlertView.of(alert))));
            boolean firing = alert.state() == Alert.State.FIRING;
            LOG.info(() -> "alert " + alert.state().wireName() + ": " + alert.describe());
            systemEvents.record(firing ? "alert_firing" : "alert_resolved",
                    firing ? systemSeverity(alert.severity()) : "info", alert.describe(),
                    Map.of("alertId", alert.id(), "metric", alert.metric().key(), "severity", alert.severity()));
            // Signed-in people hear about it wherever they are, not only on the dashboard.
            notifications.notifyAllUsers(firing ? NotificationType.WARNING : NotificationType.SUCCESS,
                    alert.metric().label() + (firing ? " alert" : " back to normal"), alert.describe());
        }
    }

    public List<Alert> firing() {
        return engine.firing();
    }

    /** System events speak info/warning/error; a critical alert is an error there. */
    private static String systemSeverity(String alertSeverity) {
        return switch (alertSeverity) {
            case "critical" -> "error";
            case "warning" -> "warning";
            default -> "info";
        };
    }
}
