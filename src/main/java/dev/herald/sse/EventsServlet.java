package dev.herald.sse;

import dev.herald.http.Problem;
import dev.herald.http.ProblemException;
import dev.herald.http.ProblemWriter;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.EventHub;
import dev.herald.hub.SubscribeRequest;
import dev.herald.hub.Subscription;
import dev.herald.liveness.ClientWatch;
import dev.herald.liveness.Endpoint;
import dev.herald.security.Authentication;
import dev.herald.security.Authenticator;
import dev.herald.security.ConnectionLimits;
import dev.herald.security.Identity;
import dev.herald.security.RateLimits;
import dev.herald.security.StreamPolicy;
import dev.herald.security.TopicAccess;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code GET /api/events}: one multiplexed stream per client, served by a plain
 * servlet (its exact mapping wins over JAX-RS's {@code /api/*}) so that frames are
 * written as bytes, without blocking, instead of through a JAX-RS SSE sink.
 * Everything is checked before the stream opens, so a refused request gets problem
 * JSON, never a half-open stream.
 */
@WebServlet(urlPatterns = "/api/events", asyncSupported = true)
public class EventsServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(EventsServlet.class.getName());

    @Inject
    EventHub hub;
    @Inject
    Authenticator authenticator;
    @Inject
    TopicAccess access;
    @Inject
    StreamPolicy policy;
    @Inject
    RateLimits limits;
    @Inject
    ClientWatch watch;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SubscribeRequest subscribe;
        Authentication auth;
        ConnectionLimits.Permit permit;
        try {
            if (!"GET".equals(request.getMethod())) {
                response.setHeader("Allow", "GET");
                throw new ProblemException(new Problem(405, "Method not allowed", "this resource does not take that method", null));
            }
            limits.connect(request.getRemoteAddr());
            auth = authenticator.authenticate(request).orElse(null);
            subscribe = validate(request, auth == null ? null : auth.identity());
            permit = policy.admit(auth, request.getRemoteAddr());
        } catch (ProblemException refused) {
            if (RetryableRefusal.applies(request, refused)) RetryableRefusal.write(response, refused);
            else ProblemWriter.write(response, refused);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        // Sends the headers now. Liberty ignores a response's first flush, so without this
        // the outlet's flush of the opening frame would hold it back until the next write.
        ServletOutlet.prepare(response);
        response.flushBuffer();

        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        var outlet = new ServletOutlet(async, subscribe.unnamedEvents());
        outlet.start();
        ClientWatch.Watch watching = watch.watch(endpoint(request));
        Subscription sub;
        try {
            sub = hub.subscribe(subscribe, outlet);
        } catch (RuntimeException failed) {
            // Too late for problem JSON: the stream may be open. The client reconnects after retry:.
            LOG.log(Level.WARNING, "stream could not be opened", failed);
            watching.cancel();
            permit.release();
            outlet.close();
            return;
        }
        outlet.whenGone(() -> sub.close(DisconnectReason.CLIENT_GONE));
        watching.attach(sub);
        policy.opened(sub, permit, auth);
        // Access may have been revoked while the stream was opening: check again, so
        // what was replayed is never more than a moment's worth of what was allowed.
        Identity who = auth == null ? null : auth.identity();
        for (String topic : subscribe.topics()) {
            try {
                access.check(topic, who);
            } catch (ProblemException lost) {
                sub.end(DisconnectReason.REVOKED, EventHub.revokedData(topic));
                break;
            }
        }
    }

    private static Endpoint endpoint(HttpServletRequest request) {
        // Liberty's remoteIp rewrites the remote port only from a trusted proxy's X-Forwarded-Port or
        // a Forwarded "for" with a port (X-Forwarded-For alone leaves it, and the local port is never
        // rewritten): only then may the ports not be the socket's.
        boolean portMayBeRewritten = request.getHeader("Forwarded") != null || request.getHeader("X-Forwarded-Port") != null;
        return new Endpoint(request.getLocalPort(), request.getRemotePort(), request.getProtocol().startsWith("HTTP/2"), !portMayBeRewritten);
    }

    private SubscribeRequest validate(HttpServletRequest request, Identity who) {
        String[] values = request.getParameterValues("topic");
        List<String> topics = values == null ? List.of() : List.of(values);
        if (topics.isEmpty()) throw ProblemException.invalid("topic", "at least one topic is required");
        int max = hub.settings().maxTopics();
        if (topics.size() > max) throw ProblemException.invalid("topic", "at most " + max + " topics per stream");
        String heartbeat = request.getParameter("heartbeat");
        if (heartbeat != null && !heartbeat.equals("event") && !heartbeat.equals("comment")) {
            throw ProblemException.invalid("heartbeat", "must be 'event' or 'comment'");
        }
        String events = request.getParameter("events");
        if (events != null && !events.equals("named") && !events.equals("unnamed")) {
            throw ProblemException.invalid("events", "must be 'named' or 'unnamed'");
        }
        var unique = new LinkedHashSet<>(topics);
        for (String topic : unique) access.check(topic, who);

        String header = request.getHeader("Last-Event-ID");
        String lastEventId = header != null && !header.isBlank() ? header : request.getParameter("lastEventId");
        return new SubscribeRequest(List.copyOf(unique), who == null ? null : who.id(), lastEventId, "event".equals(heartbeat),
                "unnamed".equals(events));
    }
}
