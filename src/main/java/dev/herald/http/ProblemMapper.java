package dev.herald.http;

import dev.herald.hub.BrokerUnavailableException;
import dev.herald.store.StoreUnavailableException;
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
        return ProblemWriter.response(problemOf(error));
    }

    /** The problem answered for {@code error}: for JAX-RS here, and for Herald's servlets, which answer the same. */
    public static ProblemException problemOf(Throwable error) {
        if (error instanceof ProblemException p) return p;
        if (error instanceof BrokerUnavailableException) {
            LOG.warning(() -> "refused: " + error.getMessage());
            return ProblemException.unavailable("events cannot be accepted right now; retry shortly");
        }
        if (error instanceof StoreUnavailableException) {
            // Rolled back: nothing changed, and the same request succeeds once the database is back.
            LOG.warning(() -> "refused: " + error.getMessage());
            return ProblemException.unavailable("the data store cannot take this right now; retry shortly");
        }
        if (error instanceof JedisConnectionException) {
            // Chat and notification state live in Redis too (herald.broker=redis): down is 503, not a bug.
            LOG.warning(() -> "refused, Redis unreachable: " + error.getMessage());
            return ProblemException.unavailable("shared state (Redis) is unreachable; retry shortly");
        }
        if (error instanceof NotFoundException) return new ProblemException(new Problem(404, "Not found", "no such resource", null));
        if (error instanceof NotAllowedException na) {
            String allow = na.getResponse().getHeaderString("Allow");
            return allow != null ? ProblemException.methodNotAllowed(allow)
                    : new ProblemException(new Problem(405, "Method not allowed", "this resource does not take that method", null));
        }
        if (error instanceof NotSupportedException) {
            return ProblemException.unsupportedMediaType();
        }
        if (error instanceof JsonException || error instanceof JsonbException) {
            return ProblemException.invalid("body", "malformed JSON");
        }
        if (error instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            if (status >= 500) LOG.log(Level.WARNING, "request failed", error);
            var info = Response.Status.fromStatusCode(status);
            String title = info == null ? "Error" : info.getReasonPhrase();
            return new ProblemException(new Problem(status, title, title, null));
        }
        LOG.log(Level.SEVERE, "unexpected failure", error);
        return new ProblemException(new Problem(500, "Internal server error", "the server failed; it has been logged", null));
    }
}
