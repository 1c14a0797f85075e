package dev.herald.http;

import java.util.Map;

/** A failure the client caused or must be told about; written as problem JSON by {@link ProblemWriter}. */
public class ProblemException extends RuntimeException {
    private final Problem problem;
    private final Map<String, String> headers;

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = headers;
    }

    public ProblemException(Problem problem) {
        this(problem, Map.of());
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /**
     * The same refusal about a field of one part of the body ({@code events[2]}): a 400 naming
     * {@code topic} becomes one naming {@code events[2].topic}; any other refusal is kept as it is.
     */
    public ProblemException within(String part) {
        if (problem.status() != 400) return this;
        String field = problem.field() == null ? part : part + "." + problem.field();
        String detail = problem.detail() == null ? problem.title() : problem.detail();
        String reason = problem.field() != null && detail.startsWith(problem.field() + ": ")
                ? detail.substring(problem.field().length() + 2) : detail;
        return invalid(field, reason);
    }

    public static ProblemException invalid(String field, String reason) {
        return new ProblemException(new Problem(400, "Invalid request", field + ": " + reason, field));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(new Problem(401, "Not signed in", detail, null));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(new Problem(403, "Forbidden", detail, null));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(new Problem(404, "Not found", detail, null));
    }

    /** 405 with the methods the resource does take in {@code Allow}. */
    public static ProblemException methodNotAllowed(String allow) {
        return new ProblemException(new Problem(405, "Method not allowed", "this resource does not take that method", null),
                Map.of("Allow", allow));
    }

    public static ProblemException unsupportedMediaType() {
        return new ProblemException(new Problem(415, "Unsupported media type", "send application/json", "Content-Type"));
    }

    public static ProblemException tooLarge(long limit) {
        return new ProblemException(new Problem(413, "Payload too large", "the body is over " + limit + " bytes", null));
    }

    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(new Problem(429, "Too many requests", detail, null),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    public static ProblemException unavailable(String detail) {
        return new ProblemException(new Problem(503, "Service unavailable", detail, null), Map.of("Retry-After", "1"));
    }
}
