package dev.herald.alerts;

import dev.herald.http.JsonOut;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/alerts}: the alerts firing now, as a JSON array of alert objects. */
@Path("/alerts")
public class AlertsResource {
    @Inject
    AlertMonitor alerts;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String firing() {
        return JsonOut.of(alerts.firing().stream().map(AlertView::of).toList());
    }
}
