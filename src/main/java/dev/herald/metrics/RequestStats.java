package dev.herald.metrics;

/**
 * What the request window holds at one moment: the requests served over the last
 * minute, how many of them failed on the server's side, and their summed time.
 */
public record RequestStats(long requests, long errors, long totalNanos) {
    public static final RequestStats NONE = new RequestStats(0, 0, 0);

    /** Requests served in the window, which is one minute long. */
    public long requestsPerMinute() {
        return requests;
    }

    /** Errors over requests, 0 to 1; 0 with no traffic rather than undefined. */
    public double errorRate() {
        return requests == 0 ? 0 : (double) errors / requests;
    }

    /** Mean time to serve a request, in milliseconds; 0 with no traffic. */
    public double avgResponseMillis() {
        return requests == 0 ? 0 : totalNanos / 1e6 / requests;
    }
}
