package dev.herald.health;

import dev.herald.boot.Storage;
import dev.herald.store.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the node's database takes a write: a full disk or a database that went away
 * is DOWN (writes answer 503 meanwhile), and UP again by itself once it is back.
 */
@ApplicationScoped
public class StoreReadiness {
    @Inject
    Storage storage;

    @Produces
    @Readiness
    HealthCheck store() {
        return () -> {
            var response = HealthCheckResponse.named("store").withData("kept", storage.kept().name().toLowerCase(java.util.Locale.ROOT));
            return storage.database()
                    .map(db -> response.withData("database", db.name()).status(db.writable()))
                    .orElseGet(() -> response.up())
                    .build();
        };
    }
}
