package dev.herald.health;

import dev.herald.hub.EventHub;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the hub's broker can accept events; alive while the hub exists at all. */
@ApplicationScoped
public class HubReadiness {
    @Inject
    EventHub hub;

    @Produces
    @Readiness
    HealthCheck ready() {
        return () -> HealthCheckResponse.named("hub").status(hub.isReady())
                .withData("connections", hub.connectionCount()).build();
    }

    @Produces
    @Liveness
    HealthCheck alive() {
        return () -> HealthCheckResponse.up("hub");
    }
}
