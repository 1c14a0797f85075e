package dev.herald.http;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * A step every request passes, pages, the stream and the REST API alike, that wraps what
 * follows it (timing, response headers). A bean implementing it joins {@link RequestStack}.
 */
public interface RequestStep {
    /** Lower runs first, outside the higher. */
    int order();

    /** Does the step's work and calls {@code next} to go on, or answers the request itself. */
    void apply(HttpServletRequest request, HttpServletResponse response, Next next) throws IOException, ServletException;

    @FunctionalInterface
    interface Next {
        void proceed() throws IOException, ServletException;
    }
}
