package dev.herald.sse;

import dev.herald.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.SseEventSink;


/**
 * {@code GET /api/events} through JAX-RS SSE, when {@code herald.stream.transport=jaxrs}
 * (see {@link StreamTransport}; in servlet mode the servlet's exact mapping takes the
 * path first). The same contract as {@link EventsServlet}: the same checks and opening
 * ({@link StreamOpening}), the same frames, written by the servlet's writer on the request RESTEasy suspended ({@link SinkStreams}).
 */
@Path("/events")
public class EventsResource {
    @Inject
    SinkStreams streams;
    @Inject
    StreamOpening opening;

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public void events(@Context HttpServletRequest request, @Context HttpServletResponse response,
                       @Context SseEventSink sink) {
        streams.serve(request, response, sink, () -> opening.admit(request));
    }

    /**
     * Every other method is refused as the servlet refuses it (405, {@code Allow: GET}).
     * Declared, not left to RESTEasy: it would answer HEAD by running the GET (opening a
     * stream) and OPTIONS by itself, and list those in {@code Allow}.
     */
    @HEAD
    public void head() {
        throw notAllowed();
    }

    @OPTIONS
    public void options() {
        throw notAllowed();
    }

    @POST
    public void post() {
        throw notAllowed();
    }

    @PUT
    public void put() {
        throw notAllowed();
    }

    @DELETE
    public void delete() {
        throw notAllowed();
    }

    @PATCH
    public void patch() {
        throw notAllowed();
    }

    private static ProblemException notAllowed() {
        return ProblemException.methodNotAllowed("GET");
    }
}
