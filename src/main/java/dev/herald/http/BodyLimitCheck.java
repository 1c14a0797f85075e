package dev.herald.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Refuses a declared over-size body before anything reads it. Bodies without a
 * length (chunked) are bounded again by {@link JsonBody} as they are read.
 */
@ApplicationScoped
public class BodyLimitCheck implements RequestCheck {

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void check(HttpServletRequest request, String path) {
        if (request.getContentLengthLong() > JsonBody.MAX_BYTES) throw ProblemException.tooLarge(JsonBody.MAX_BYTES);
    }
}
