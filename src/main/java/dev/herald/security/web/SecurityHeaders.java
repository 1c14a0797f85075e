package dev.herald.security.web;

import dev.herald.http.RequestStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * Headers on every response, pages and API alike: a strict Content-Security-Policy
 * (no inline script or style, nothing from other origins, no framing), no MIME
 * sniffing, no referrer to other sites; and CORS for the origins listed in
 * {@code herald.cors.origins}, with credentials, never {@code *}.
 */
@ApplicationScoped
public class SecurityHeaders implements RequestStep {
    public static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; worker-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'";
    private static final String ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE";
    private static final String ALLOW_HEADERS = "Content-Type, Authorization, Last-Event-ID";
    private static final String EXPOSE_HEADERS = "Retry-After, Location";

    @Inject
    AllowedOrigins origins;

    /** Inside the timing, before every check: refusals carry the headers too. */
    @Override
    public int order() {
        return 200;
    }

    @Override
    public void apply(HttpServletRequest request, HttpServletResponse response, Next next)
            throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "same-origin");

        String origin = request.getHeader("Origin");
        if (origin != null && origins.isListed(origin)) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Allow-Credentials", "true");
            response.setHeader("Access-Control-Expose-Headers", EXPOSE_HEADERS);
            response.addHeader("Vary", "Origin");
            if ("OPTIONS".equals(request.getMethod()) && request.getHeader("Access-Control-Request-Method") != null) {
                response.setHeader("Access-Control-Allow-Methods", ALLOW_METHODS);
                response.setHeader("Access-Control-Allow-Headers", ALLOW_HEADERS);
                response.setHeader("Access-Control-Max-Age", "600");
                response.setStatus(HttpServletResponse.SC_NO_CONTENT);
                return;
            }
        }
        next.proceed();
    }
}
