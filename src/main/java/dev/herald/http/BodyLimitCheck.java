package dev.herald.http;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;

import java.util.HashMap;
import java.util.Map;

/**
 * Refuses a declared over-size body before anything reads it: 64 KiB, or more for a POST
 * to a path a {@link BodyAllowance} names. Bodies without a length (chunked) are bounded
 * again by {@link JsonBody} as they are read.
 */
@ApplicationScoped
public class BodyLimitCheck implements RequestCheck {
    @Inject
    Instance<BodyAllowance> allowanceBeans;

    private volatile Map<String, Integer> allowances;

    @Override
    public int order() {
        return 100;
    }

    @Override
    public void check(HttpServletRequest request, String path) {
        long length = request.getContentLengthLong();
        int max = request.getMethod().equals("POST") ? allowances().getOrDefault(path, JsonBody.MAX_BYTES) : JsonBody.MAX_BYTES;
        if (length > max) throw ProblemException.tooLarge(max);
    }

    private Map<String, Integer> allowances() {
        Map<String, Integer> known = allowances;
        if (known == null) {
            known = new HashMap<>();
            for (BodyAllowance a : allowanceBeans) known.put(a.path(), a.maxBytes());
            allowances = known;
        }
        return known;
    }
}
