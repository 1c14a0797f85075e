package dev.herald.http;

import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A refusal from a plain servlet, written exactly as {@link ProblemMapper} writes it for JAX-RS. */
public final class ProblemWriter {
    private ProblemWriter() {
    }

    public static void write(HttpServletResponse response, ProblemException failure) throws IOException {
        Problem problem = failure.problem();
        byte[] body = problem.body().getBytes(StandardCharsets.UTF_8);
        response.setStatus(problem.status());
        failure.headers().forEach(response::setHeader);
        response.setContentType(ProblemMedia.TEXT);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
