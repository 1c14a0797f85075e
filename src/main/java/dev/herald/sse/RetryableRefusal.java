package dev.herald.sse;

import dev.herald.http.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A full node's refusal in a form an {@code EventSource} retries by itself. A browser's
 * EventSource gives up for good on any status but 200, so a 503 during a reconnect
 * storm would leave every plain-EventSource page dead. Instead, a client that asked for
 * {@code text/event-stream} only gets 200 with a {@code retry:} and one
 * {@code event: refused} carrying the problem, and the stream ends at once: the
 * EventSource comes back after {@code retry:}, spread out by jitter so that a storm
 * does not return as one. Every other client gets the problem JSON with its status.
 */
final class RetryableRefusal {
    private RetryableRefusal() {
    }

    /** Whether to answer {@code refused} this way: a 503 to a client that takes only event streams. */
    static boolean applies(HttpServletRequest request, ProblemException refused) {
        if (refused.problem().status() != HttpServletResponse.SC_SERVICE_UNAVAILABLE) return false;
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
