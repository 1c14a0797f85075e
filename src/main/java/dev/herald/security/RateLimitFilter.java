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
 * Applies {@link RateLimits} before anything else runs: sign-ins per client address, publishes per publisher, every other write per user.
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
        // New streams are counted where every transport's streams are admitted
        // (sse.StreamOpening), not here: GET /api/events reaches JAX-RS only in jaxrs
        // mode, and an application's own stream resources have paths of their own.
        if (path.equals("session") && method.equals("POST")) {
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
