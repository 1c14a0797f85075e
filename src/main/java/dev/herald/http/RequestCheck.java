package dev.herald.http;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A check every {@code /api/…} request passes before it reaches the stream servlet or a
 * JAX-RS resource: a refusal is a {@link ProblemException}, answered by {@link RequestStack}.
 * A bean implementing it joins the stack.
 */
public interface RequestCheck {
    /** Whether {@code method} only reads (GET, HEAD, OPTIONS): the checks of writes let it by. */
    static boolean reads(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /** Lower runs first. */
    int order();

    /**
     * @param path the request's path under {@code /api/}, without it ({@code publish},
     *             {@code events}, {@code chat/rooms/general/messages})
     */
    void check(HttpServletRequest request, String path);
}
