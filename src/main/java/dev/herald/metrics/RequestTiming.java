package dev.herald.metrics;

import dev.herald.http.RequestStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Times every request the application serves: REST calls, pages, scripts. A stream
 * ({@code GET /api/events}) goes asynchronous once it is open and the chain returns
 * then, so it counts once, with the time it took to open, not for its lifetime.
 */
@ApplicationScoped
public class RequestTiming implements RequestStep {
    @Inject
    RequestMeter meter;

    /** Outermost: refusals and CORS answers count like any request. */
    @Override
    public int order() {
        return 100;
    }

    @Override
    public void apply(HttpServletRequest request, HttpServletResponse response, Next next)
            throws IOException, ServletException {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            next.proceed();
            failed = false;
        } finally {
            meter.record(System.nanoTime() - start, statusOf(response, failed));
        }
    }

    /**
     * What the client is answered. A servlet may throw after setting an error status
     * (Liberty's file servlet sets 404, then throws for a missing file): that status
     * stands. Otherwise an exception out of the chain becomes a 500.
     */
    static int statusOf(HttpServletResponse response, boolean threw) {
        int status = response.getStatus();
        return threw && status < 400 ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : status;
    }
}
