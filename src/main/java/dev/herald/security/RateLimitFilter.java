package dev.herald.security;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

import java.util.Set;

/**
 * Applies {@link RateLimits} before anything else runs: new streams and sign-ins
 * per client address, publishes per publisher, every other write per user.
 * Open-stream counts are {@link StreamPolicy}'s.
 */
@Provider
@PreMatching
public class RateLimitFilter implements ContainerRequestFilter {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    RateLimits limits;
    @Inject
    Caller caller;
    @Context
    HttpServletRequest http;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/")) path = path.substring(1);
        String method = request.getMethod();
        if (path.equals("events") && method.equals("GET")) {
            limits.connect(http.getRemoteAddr());
        } else if (path.equals("session") && method.equals("POST")) {
            limits.signIn(http.getRemoteAddr());
        } else if (!READS.contains(method)) {
            Identity who = caller.identity().orElse(null);
            if (who == null) return;
            if (path.equals("publish")) {
                if (who.isPublisher()) limits.publish(who);
            } else if (who.isUser()) {
                limits.write(who);
            }
        }
    }
}
