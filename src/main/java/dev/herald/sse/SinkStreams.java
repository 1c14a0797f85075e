package dev.herald.sse;

import dev.herald.http.ProblemException;
import dev.herald.hub.EventHub;
import dev.herald.hub.Frame;
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
 * Serves a stream on a JAX-RS {@link SseEventSink}: the {@code jaxrs} transport of
 * {@code /api/events}, and an application's own resource through {@code HeraldStreams}.
 * The checks and the opening are {@link StreamOpening}'s, as for the servlet.
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
        var openingSent = new CompletableFuture<Void>();
        var outlet = new SinkOutlet(sink, admitted.subscribe().unnamedEvents(), openingSent);
        // No callback from the sink when its client leaves: a failed send ends the stream,
        // and the client watch (the TCP table) notices a quiet one within a second.
        Subscription subscription = opening.open(admitted, request, outlet, sub -> { });
        // Subscribed first: a client that has read the opening is sure to get what is published
        // next. Until the opening is out, the stream's writer waits on openingSent.
        try {
            sendOpening(response, hub.settings().retryMillis());
            openingSent.complete(null);
        } catch (IOException | RuntimeException failed) {
            openingSent.completeExceptionally(failed); // ends the subscription, which closes the sink
            if (failed instanceof IOException io) throw new UncheckedIOException(io);
            throw (RuntimeException) failed;
        }
        return subscription;
    }

    /**
     * The contract's headers and the opening ({@code : herald}, {@code retry:}), sent now,
     * on the servlet response under the sink, once the stream is subscribed but before the
     * sink writes anything ({@link SinkOutlet} holds the stream's frames until then). Two things JAX-RS cannot do by itself: RESTEasy writes
     * {@code retry:} only in an event with data (which a browser would dispatch), and it
     * sends the headers only with the first event, whose flush Liberty ignores, so the
     * opening would wait for the next write. The one-byte buffer makes every later frame
     * go out as it is written, as on the servlet. RESTEasy's own header writes then find
     * the response committed and change nothing; {@link SinkOutlet} stands the hub's
     * opening frame for this one.
     */
    private static void sendOpening(HttpServletResponse response, long retryMillis) throws IOException {
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/event-stream;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        ServletOutlet.prepare(response);
        response.getOutputStream().write(SseWire.encode(new Frame.Open(retryMillis), false));
        response.flushBuffer();
    }
}
