package dev.herald.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Refuses a declared over-size body before anything reads it. Bodies without a
 * length (chunked) are bounded again by {@link JsonBody} as they are read.
 */
@Provider
@PreMatching
public class BodyLimitFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.getLength() > JsonBody.MAX_BYTES) {
            request.abortWith(ProblemMapper.respond(ProblemException.tooLarge(JsonBody.MAX_BYTES).problem()).build());
        }
    }
}
