package dev.herald.alerts;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import static dev.herald.http.Jsonp.JSON;

/** {@code GET /api/alerts}: the alerts firing now, as a JSON array of alert objects. */
@Path("/alerts")
public class AlertsResource {
    @Inject
    AlertMonitor alerts;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String firing() {
        var list = JSON.createArrayBuilder();
        for (Alert a : alerts.firing()) list.add(a.toJson());
        return list.build().toString();
    }
}
