package dev.herald.alerts;

import jakarta.inject.Inject;
import jakarta.json.Json;
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
        var list = Json.createArrayBuilder();
        for (Alert a : alerts.firing()) list.add(a.toJson());
        return list.build().toString();
    }
}
