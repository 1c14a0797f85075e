package dev.herald.embed.shop;

import dev.herald.api.HeraldStreams;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.List;
import java.util.Map;

/** The application's own resource under Herald's {@code /api}: a stream of its orders, and a way to place one. */
@Path("/orders")
public class OrdersResource {
    @Inject
    HeraldStreams streams;
    @Inject
    OrderDesk desk;

    /** Served as /api/events serves a stream: retry:, heartbeats, resume from Last-Event-ID, limits. */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void stream(@HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink,
                       @Context HttpServletRequest request, @Context HttpServletResponse response) {
        streams.serve(request, response, sink, List.of("custom/orders"), lastEventId);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> place(Order order) {
        return Map.of("id", desk.place(order));
    }
}
