package dev.herald.sse;

import dev.herald.http.ProblemException;
import dev.herald.hub.EventHub;
import dev.herald.hub.SubscribeRequest;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.Subscription;
import dev.herald.security.Authentication;
import dev.herald.security.Caller;
import dev.herald.security.Identity;
import dev.herald.security.StreamPolicy;
import dev.herald.security.TopicAccess;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
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
    @Inject
    StreamPolicy policy;

    @GET
    @Produces("text/event-stream;charset=UTF-8")
    public void stream(@QueryParam("topic") List<String> topics,
                       @HeaderParam("Last-Event-ID") String lastEventIdHeader,
                       @QueryParam("lastEventId") String lastEventIdParam,
                       @QueryParam("heartbeat") String heartbeat,
                       @Context SseEventSink sink, @Context Sse sse,
                       @Context HttpServletRequest http, @Context HttpServletResponse response) {
        if (topics == null || topics.isEmpty()) throw ProblemException.invalid("topic", "at least one topic is required");
        int max = hub.settings().maxTopics();
        if (topics.size() > max) throw ProblemException.invalid("topic", "at most " + max + " topics per stream");
        if (heartbeat != null && !heartbeat.equals("event") && !heartbeat.equals("comment")) {
            throw ProblemException.invalid("heartbeat", "must be 'event' or 'comment'");
        }
        Authentication auth = caller.authentication().orElse(null);
        Identity who = auth == null ? null : auth.identity();
        var unique = new LinkedHashSet<>(topics);
        for (String topic : unique) access.check(topic, who);
        var permit = policy.admit(auth, http.getRemoteAddr());

        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        String lastEventId = lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? lastEventIdHeader : lastEventIdParam;
        var request = new SubscribeRequest(List.copyOf(unique), who == null ? null : who.id(), lastEventId, "event".equals(heartbeat));
        Subscription sub;
        try {
            sub = hub.subscribe(request, new SseOutlet(sink, sse));
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
        policy.opened(sub, permit, auth);
        // Access may have been revoked while the stream was opening: check again, so
        // what was replayed is never more than a moment's worth of what was allowed.
        for (String topic : unique) {
            try {
                access.check(topic, who);
            } catch (ProblemException lost) {
                sub.end(DisconnectReason.REVOKED, EventHub.revokedData(topic));
                break;
            }
        }
    }
}
