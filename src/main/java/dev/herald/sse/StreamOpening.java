package dev.herald.sse;

import dev.herald.http.ProblemException;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.EventHub;
import dev.herald.hub.Outlet;
import dev.herald.hub.SubscribeRequest;
import dev.herald.hub.Subscription;
import dev.herald.liveness.ClientWatch;
import dev.herald.liveness.Endpoint;
import dev.herald.security.access.TopicAccess;
import dev.herald.security.identity.Authentication;
import dev.herald.security.identity.Authenticator;
import dev.herald.security.identity.Identity;
import dev.herald.security.limits.RequestThrottles;
import dev.herald.security.limits.StreamLimits;
import dev.herald.security.streams.StreamPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything a stream goes through, whatever writes it (the servlet, the JAX-RS
 * resource, an application's own resource through {@code HeraldStreams}): first
 * {@link #admit} (rate, credentials, topics, access, limits), which refuses with a
 * {@link ProblemException} before anything is written; then {@link #open}, which
 * watches the connection, subscribes and checks access once more. One place, so the
 * transports cannot drift apart on what the contract promises.
 */
@ApplicationScoped
public class StreamOpening {
    private static final Logger LOG = Logger.getLogger(StreamOpening.class.getName());

    @Inject
    EventHub hub;
    @Inject
    Authenticator authenticator;
    @Inject
    TopicAccess access;
    @Inject
    StreamPolicy policy;
    @Inject
    RequestThrottles throttles;
    @Inject
    ClientWatch watch;

    /** A stream that passed every check and holds its place under the limits until opened or released. */
    public record Admitted(SubscribeRequest subscribe, Authentication auth, StreamLimits.Permit permit) {
        Identity who() {
            return auth == null ? null : auth.identity();
        }
    }

    /** One of the {@code admit} calls, deferred so that its refusal can be answered in the transport's own way. */
    @FunctionalInterface
    public interface Admitter {
        Admitted admit();
    }

    /** The checks for {@code GET /api/events}: topics and options from the query, resume point from the header or query. */
    public Admitted admit(HttpServletRequest request) {
        String[] values = request.getParameterValues("topic");
        return admit(request, values == null ? List.of() : List.of(values), lastEventId(request),
                request.getParameter("heartbeat"), request.getParameter("events"));
    }

    /**
     * The same checks for topics chosen by the caller (an application's own resource).
     * {@code heartbeat} and {@code events} are the query options' values, or null for the defaults.
     */
    public Admitted admit(HttpServletRequest request, List<String> topics, String lastEventId, String heartbeat, String events) {
        throttles.connect(request.getRemoteAddr());
        Authentication auth = authenticator.authenticate(request).orElse(null);
        SubscribeRequest subscribe = validate(topics, lastEventId, heartbeat, events, auth == null ? null : auth.identity())
                .admittedAfter(hub.lastId());
        StreamLimits.Permit permit = policy.admit(auth, request.getRemoteAddr());
        return new Admitted(subscribe, auth, permit);
    }

    /** The resume point as a client sends it: the header, or {@code ?lastEventId=} (an EventSource cannot set headers). */
    public static String lastEventId(HttpServletRequest request) {
        String header = request.getHeader("Last-Event-ID");
        return header != null && !header.isBlank() ? header : request.getParameter("lastEventId");
    }

    /**
     * Opens an admitted stream on {@code outlet}. {@code bind} runs once the subscription
     * exists and before anything else may end it, to tie the outlet's end to it. Returns
     * null if the stream could not be opened; the outlet is closed then and the permit released.
     */
    public Subscription open(Admitted admitted, HttpServletRequest request, Outlet outlet, Consumer<Subscription> bind) {
        // Watched before subscribing, so a client gone while the stream opens is still noticed.
        ClientWatch.Watch watching = watch.watch(endpoint(request));
        Subscription sub;
        try {
            sub = hub.subscribe(admitted.subscribe(), outlet);
        } catch (RuntimeException failed) {
            // Too late for problem JSON: the stream may be open. The client reconnects after retry:.
            LOG.log(Level.WARNING, "stream could not be opened", failed);
            watching.cancel();
            admitted.permit().release();
            outlet.close();
            return null;
        }
        bind.accept(sub);
        watching.attach(sub);
        policy.opened(sub, admitted.permit(), admitted.auth());
        // Access may have been revoked while the stream was opening: check again, so
        // what was replayed is never more than a moment's worth of what was allowed.
        for (String topic : admitted.subscribe().topics()) {
            try {
                access.check(topic, admitted.who());
            } catch (ProblemException lost) {
                sub.end(DisconnectReason.REVOKED, EventHub.revokedData(topic));
                break;
            }
        }
        return sub;
    }

    private static Endpoint endpoint(HttpServletRequest request) {
        // Liberty's remoteIp rewrites the remote port only from a trusted proxy's X-Forwarded-Port or
        // a Forwarded "for" with a port (X-Forwarded-For alone leaves it, and the local port is never
        // rewritten): only then may the ports not be the socket's.
        boolean portMayBeRewritten = request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-Port") != null;
        return new Endpoint(request.getLocalPort(), request.getRemotePort(), request.getProtocol().startsWith("HTTP/2"), !portMayBeRewritten);
    }

    private SubscribeRequest validate(List<String> topics, String lastEventId, String heartbeat, String events, Identity who) {
        if (topics.isEmpty()) throw ProblemException.invalid("topic", "at least one topic is required");
        int max = hub.settings().maxTopics();
        if (topics.size() > max) throw ProblemException.invalid("topic", "at most " + max + " topics per stream");
        if (heartbeat != null && !heartbeat.equals("event") && !heartbeat.equals("comment")) {
            throw ProblemException.invalid("heartbeat", "must be 'event' or 'comment'");
        }
        if (events != null && !events.equals("named") && !events.equals("unnamed")) {
            throw ProblemException.invalid("events", "must be 'named' or 'unnamed'");
        }
        var unique = new LinkedHashSet<>(topics);
        for (String topic : unique) access.check(topic, who);
        return new SubscribeRequest(List.copyOf(unique), who == null ? null : who.id(), lastEventId, "event".equals(heartbeat),
                "unnamed".equals(events));
    }
}
