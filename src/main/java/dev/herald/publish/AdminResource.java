package dev.herald.publish;

import dev.herald.hub.DisconnectReason;
import dev.herald.hub.EventHub;
import dev.herald.security.Caller;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Operations: {@code POST /api/admin/disconnect} drops every stream of this node (rolling deploys, tests). */
@Path("/admin")
public class AdminResource {
    @Inject
    EventHub hub;
    @Inject
    Caller caller;

    @POST
    @Path("/disconnect")
    @Produces(MediaType.APPLICATION_JSON)
    public String disconnectAll() {
        caller.requirePublisher();
        int dropped = hub.disconnectAll(DisconnectReason.ADMIN);
        return Json.createObjectBuilder().add("disconnected", dropped).build().toString();
    }
}
