package dev.herald.sse;

import dev.herald.boot.HeraldConfig;
import dev.herald.http.ProblemException;
import dev.herald.http.ProblemWriter;
import dev.herald.hub.DisconnectReason;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * {@code GET /api/events}: one multiplexed stream per client, served by a plain
 * servlet (its exact mapping wins over JAX-RS's {@code /api/*}) so that frames are
 * written as bytes, without blocking, instead of through a JAX-RS SSE sink.
 * Everything is checked before the stream opens ({@link StreamOpening}), so a refused
 * request gets problem JSON, never a half-open stream. Registered by
 * {@link StreamTransport} only when {@code herald.stream.transport=servlet}.
 */
public class EventsServlet extends HttpServlet {
    @Inject
    StreamOpening opening;
    @Inject
    HeraldConfig config;
    private boolean compression;

    @Override
    public void init() {
        compression = StreamCompression.enabled(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StreamOpening.Admitted admitted;
        try {
            if (!"GET".equals(request.getMethod())) throw ProblemException.methodNotAllowed("GET");
            admitted = opening.admit(request);
        } catch (ProblemException refused) {
            if (RetryableRefusal.applies(request, refused)) RetryableRefusal.write(response, refused);
            else ProblemWriter.write(response, refused);
            return;
        }
        boolean gzip = ServletOutlet.begin(request, response, compression);
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        var outlet = new ServletOutlet(async, admitted.subscribe().unnamedEvents(), gzip);
        outlet.start();
        opening.open(admitted, request, outlet, sub -> outlet.whenGone(() -> sub.close(DisconnectReason.CLIENT_GONE)));
    }
}
