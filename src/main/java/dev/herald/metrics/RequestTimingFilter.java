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
 * Anything that escapes the chain is a 500.
 */
@WebFilter(filterName = "request-timing", urlPatterns = "/*", asyncSupported = true)
public class RequestTimingFilter implements Filter {
    @Inject
    RequestMeter meter;

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long start = System.nanoTime();
        int status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        try {
            chain.doFilter(request, response);
            status = ((HttpServletResponse) response).getStatus();
        } finally {
            meter.record(System.nanoTime() - start, status);
        }
    }
}
