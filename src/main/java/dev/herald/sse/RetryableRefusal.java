package dev.herald.sse;

import dev.herald.http.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A refusal in a form an {@code EventSource} can read. A browser's EventSource sees no
 * status: it gives up for good on any but 200, and a client library built on it cannot tell
 * a refusal from a network failure. So a client that asked for {@code text/event-stream}
 * only gets 200 and a stream that says why, and ends at once:
 * <ul>
 * <li>a full node (503): {@code retry:} and one {@code event: refused} carrying the problem;
 * the EventSource comes back after {@code retry:}, spread out by jitter so that a storm
 * does not return as one;</li>
 * <li>no session where one is needed (401): one {@code event: expired}, what a stream whose
 * session ends says, so a page that was just signed out elsewhere says the session ended
 * instead of retrying as if offline. A plain EventSource asks again only after a minute.</li>
 * </ul>
 * Every other client gets the problem JSON with its status.
 */
final class RetryableRefusal {
    /** How long a plain EventSource waits before asking again for a stream it had no session for. */
    static final long SIGNED_OUT_RETRY_MILLIS = 60_000;

    private RetryableRefusal() {
    }

    /** Whether to answer this way: a 503 or 401 to a client that takes only event streams. */
    static boolean applies(HttpServletRequest request, ProblemException refused) {
        int status = refused.problem().status();
        if (status != HttpServletResponse.SC_SERVICE_UNAVAILABLE && status != HttpServletResponse.SC_UNAUTHORIZED) return false;
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/event-stream") && !accept.contains("json") && !accept.contains("*/*");
    }

    static void write(HttpServletResponse response, ProblemException refused) throws IOException {
        byte[] body = body(refused);
        response.setStatus(HttpServletResponse.SC_OK);
        refused.headers().forEach(response::setHeader);
        response.setContentType("text/event-stream;charset=UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The same answer for a JAX-RS resource: a response with an entity leaves as it is, past any exception mapper. */
    static Response response(ProblemException refused) {
        var rb = Response.ok(body(refused), "text/event-stream;charset=UTF-8").header("Cache-Control", "no-cache");
        refused.headers().forEach(rb::header);
        return rb.build();
    }

    private static byte[] body(ProblemException refused) {
        if (refused.problem().status() == HttpServletResponse.SC_UNAUTHORIZED) return SseWire.expiredRefusal(SIGNED_OUT_RETRY_MILLIS);
        long retryAfterSeconds = retryAfterSeconds(refused);
        long retryMillis = retryAfterSeconds * 1000 + ThreadLocalRandom.current().nextLong(2 * retryAfterSeconds * 1000 + 1);
        return SseWire.refusal(retryMillis, refused.problem().body());
    }

    private static long retryAfterSeconds(ProblemException refused) {
        try {
            return Math.max(1, Long.parseLong(refused.headers().getOrDefault("Retry-After", "1")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
