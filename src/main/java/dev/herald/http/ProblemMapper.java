package dev.herald.http;

import dev.herald.hub.BrokerUnavailableException;
import jakarta.json.JsonException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every failure of every endpoint, JAX-RS's own included, leaves as problem JSON.
 * Unexpected exceptions are logged with their stack and answered without it.
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Override
    public Response toResponse(Throwable error) {
        if (error instanceof ProblemException p) {
            var rb = respond(p.problem());
            p.headers().forEach(rb::header);
            return rb.build();
        }
        if (error instanceof BrokerUnavailableException) {
            LOG.warning(() -> "refused: " + error.getMessage());
            return toResponse(ProblemException.unavailable("events cannot be accepted right now; retry shortly"));
        }
        if (error instanceof JedisConnectionException) {
            // Chat and notification state live in Redis too (herald.broker=redis): down is 503, not a bug.
            LOG.warning(() -> "refused, Redis unreachable: " + error.getMessage());
            return toResponse(ProblemException.unavailable("shared state (Redis) is unreachable; retry shortly"));
        }
        if (error instanceof NotFoundException) {
            return respond(new Problem(404, "Not found", "no such resource", null)).build();
        }
        if (error instanceof NotAllowedException na) {
            var rb = respond(new Problem(405, "Method not allowed", "this resource does not take that method", null));
            String allow = na.getResponse().getHeaderString("Allow");
            if (allow != null) rb.header("Allow", allow);
            return rb.build();
        }
        if (error instanceof NotSupportedException) {
            return respond(new Problem(415, "Unsupported media type", "send application/json", "Content-Type")).build();
        }
        if (error instanceof JsonException || error instanceof JsonbException) {
            return respond(new Problem(400, "Invalid request", "body: malformed JSON", "body")).build();
        }
        if (error instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            if (status >= 500) LOG.log(Level.WARNING, "request failed", error);
            var info = Response.Status.fromStatusCode(status);
            String title = info == null ? "Error" : info.getReasonPhrase();
            return respond(new Problem(status, title, title, null)).build();
        }
        LOG.log(Level.SEVERE, "unexpected failure", error);
        return respond(new Problem(500, "Internal server error", "the server failed; it has been logged", null)).build();
    }

    static Response.ResponseBuilder respond(Problem problem) {
        return Response.status(problem.status()).type(ProblemMedia.TYPE).entity(problem.body());
    }
}
