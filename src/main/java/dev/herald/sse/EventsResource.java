package dev.herald.sse;

import dev.herald.http.ProblemException;
import dev.herald.hub.EventHub;
import dev.herald.hub.SubscribeRequest;
import dev.herald.security.Caller;
import dev.herald.security.Identity;
import dev.herald.security.TopicAccess;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code GET /api/events}: one multiplexed stream per client. Everything is
 * checked before the stream opens, so a refused request gets problem JSON, never
 * a half-open stream.
 */
@Path("/events")
public class EventsResource {
    @Inject
    EventHub hub;
    @Inject
    Caller caller;
    @Inject
    TopicAccess access;

    @GET
    @Produces("text/event-stream;charset=UTF-8")
    public void stream(@QueryParam("topic") List<String> topics,
                       @HeaderParam("Last-Event-ID") String lastEventIdHeader,
                       @QueryParam("lastEventId") String lastEventIdParam,
                       @QueryParam("heartbeat") String heartbeat,
                       @Context SseEventSink sink, @Context Sse sse, @Context HttpServletResponse response) {
        if (topics == null || topics.isEmpty()) throw ProblemException.invalid("topic", "at least one topic is required");
        int max = hub.settings().maxTopics();
        if (topics.size() > max) throw ProblemException.invalid("topic", "at most " + max + " topics per stream");
        if (heartbeat != null && !heartbeat.equals("event") && !heartbeat.equals("comment")) {
            throw ProblemException.invalid("heartbeat", "must be 'event' or 'comment'");
        }
        Identity who = caller.identity().orElse(null);
        var unique = new LinkedHashSet<>(topics);
        for (String topic : unique) access.check(topic, who);

        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        String lastEventId = lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? lastEventIdHeader : lastEventIdParam;
        var request = new SubscribeRequest(List.copyOf(unique), who == null ? null : who.id(), lastEventId, "event".equals(heartbeat));
        hub.subscribe(request, new SseOutlet(sink, sse));
    }
}
