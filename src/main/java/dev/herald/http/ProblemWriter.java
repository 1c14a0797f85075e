package dev.herald.http;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The one writer of problem JSON: status, headers, {@code application/problem+json} and the
 * body, on a servlet's response ({@link RequestStack}, the stream servlet) or as a JAX-RS
 * response ({@link ProblemMapper}), so the two cannot drift apart.
 */
public final class ProblemWriter {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final MediaType TYPE = MediaType.valueOf(MEDIA_TYPE);

    private ProblemWriter() {
    }

    public static void write(HttpServletResponse response, ProblemException failure) throws IOException {
        Problem problem = failure.problem();
        byte[] body = problem.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        failure.headers().forEach(response::setHeader);
        response.setContentType(MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    public static Response response(ProblemException failure) {
        Problem problem = failure.problem();
        var rb = Response.status(problem.status()).type(TYPE).entity(problem.body());
        failure.headers().forEach(rb::header);
        return rb.build();
    }
}
