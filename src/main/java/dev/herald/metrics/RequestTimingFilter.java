package dev.herald.metrics;

import jakarta.inject.Inject;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Times every request the application serves: REST calls, pages, scripts. A stream
 * ({@code GET /api/events}) goes asynchronous once it is open and the chain returns
 * then, so it counts once, with the time it took to open, not for its lifetime.
 */
@WebFilter(filterName = "request-timing", urlPatterns = "/*", asyncSupported = true)
public class RequestTimingFilter implements Filter {
    @Inject
    RequestMeter meter;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            meter.record(System.nanoTime() - start, statusOf((HttpServletResponse) response, failed));
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
