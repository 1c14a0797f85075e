package dev.herald.sse;

import dev.herald.http.ProblemException;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.EventHub;
import dev.herald.hub.Subscription;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.sse.SseEventSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * Serves a stream from a JAX-RS resource that took an {@link SseEventSink}: the {@code jaxrs}
 * transport of {@code /api/events}, and an application's own resource through
 * {@code HeraldStreams}. The checks and the opening are {@link StreamOpening}'s, and the frames
 * after the opening are written by the servlet's writer ({@link ServletOutlet}) on the request
 * RESTEasy suspended when it made the sink: the same bytes, each event encoded once for all
 * streams, and the container's word when the client leaves. Not gzipped: RESTEasy's first write
 * (a blank line, before the opening) is its own, plain.
 *
 * <p>Why not through the sink: RESTEasy (6.2, Liberty's) encodes every event again for every
 * stream, looks up a body writer for its data and copies it a byte at a time, then writes it in
 * the servlet's non-blocking mode with several {@code isReady()} calls per write and a flush
 * after it. Measured against the servlet at 1,000 × 50/s it cost 7.3× the p99 (BENCHMARKS.md,
 * "Stream transports"). The outlet ends the stream as the servlet's does, by completing the
 * request RESTEasy started; RESTEasy listens for that and lets the sink go.
 */
@ApplicationScoped
public class SinkStreams {
    @Inject
    StreamOpening opening;
    @Inject
    EventHub hub;

    /**
     * Checks, then opens the stream. Call from the resource method before it returns and
     * before anything is sent on {@code sink}: a refusal is thrown as a
     * {@link ProblemException} (problem JSON through the exception mapper) or, for a full
     * node and an EventSource, as a {@link WebApplicationException} carrying the retryable
     * {@code refused} stream, and the sink is left untouched.
     */
    public Subscription serve(HttpServletRequest request, HttpServletResponse response, SseEventSink sink,
                              StreamOpening.Admitter admit) {
        StreamOpening.Admitted admitted;
        try {
            admitted = admit.admit();
        } catch (ProblemException refused) {
            if (RetryableRefusal.applies(request, refused)) throw new WebApplicationException(RetryableRefusal.response(refused));
            throw refused;
        }
        ServletOutlet writer;
        try {
            ServletOutlet.begin(request, response, false);
            // Suspended by RESTEasy as it made the sink (SseEventSink's contract).
            writer = new ServletOutlet(request.getAsyncContext(), admitted.subscribe().unnamedEvents(), false);
        } catch (IOException clientGone) {
            sink.close();
            throw new UncheckedIOException(clientGone);
        }
        var opened = new CompletableFuture<Void>();
        writer.start();
        // Subscribed first: a client that has read the opening is sure to get what is published next.
        Subscription subscription = opening.open(admitted, request, new SinkOutlet(writer, opened),
                sub -> writer.whenGone(() -> sub.close(DisconnectReason.CLIENT_GONE)));
        // RESTEasy writes on this thread once the resource method returns, unless the sink has
        // sent something already: its first send writes a blank line first, then the event. So
        // the opening goes through the sink, here and at once (on the request's own thread
        // RESTEasy writes without queueing), and the writer waits for it.
        sink.send(new SinkOutlet.Opening(hub.settings().retryMillis())).whenComplete((done, failed) -> {
            if (failed == null) opened.complete(null);
            else opened.completeExceptionally(failed); // ends the subscription, which ends the request
        });
        return subscription;
    }
}
