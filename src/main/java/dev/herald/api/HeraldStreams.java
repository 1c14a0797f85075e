package dev.herald.api;

import dev.herald.hub.Subscription;
import dev.herald.sse.SinkStreams;
import dev.herald.sse.StreamOpening;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.List;

/**
 * Streaming from your own JAX-RS resource: hand Herald the sink, the topics and the
 * client's {@code Last-Event-ID}, and the stream is served as {@code /api/events} serves
 * it: the same checks (credentials, topic access, limits), the opening {@code retry:},
 * snapshots, replay or {@code reset} from the id, live events, heartbeats, slow-consumer
 * and client-gone ends, {@code expired}/{@code revoked}.
 *
 * <pre>{@code
 * @GET @Path("orders") @Produces(MediaType.SERVER_SENT_EVENTS)
 * public void orders(@HeaderParam("Last-Event-ID") String lastEventId, @Context SseEventSink sink,
 *                    @Context HttpServletRequest request, @Context HttpServletResponse response) {
 *     streams.serve(request, response, sink, List.of("custom/orders"), lastEventId);
 * }
 * }</pre>
 *
 * Call it from the resource method, before it returns and before anything is sent on the
 * sink. A refusal is thrown (a problem JSON response through Herald's exception mapper,
 * or for a full node a retryable {@code refused} stream), leaving the sink untouched.
 */
@ApplicationScoped
public class HeraldStreams {
    @Inject
    SinkStreams sinks;
    @Inject
    StreamOpening opening;

    /**
     * @param topics      what the stream carries; each is checked against its family's access rule
     * @param lastEventId the resume point, or null for live only
     */
    public void serve(HttpServletRequest request, HttpServletResponse response, SseEventSink sink,
                      List<String> topics, String lastEventId) {
        serve(request, response, sink, topics, lastEventId, false);
    }

    /** @param unnamedEvents events without an {@code event:} line, as {@code ?events=unnamed} (for a browser's onmessage) */
    public void serve(HttpServletRequest request, HttpServletResponse response, SseEventSink sink,
                      List<String> topics, String lastEventId, boolean unnamedEvents) {
        List<String> copy = List.copyOf(topics);
        Subscription ignored = sinks.serve(request, response, sink,
                () -> opening.admit(request, copy, lastEventId, null, unnamedEvents ? "unnamed" : null));
    }
}
