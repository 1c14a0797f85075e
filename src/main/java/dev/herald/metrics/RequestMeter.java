package dev.herald.metrics;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every HTTP request the application served, as {@link RequestTiming} reports
 * it. A 5xx is an error: the server failed. A 4xx is counted as a request (it was
 * served, and its time counts) but not as an error: the client asked for something
 * wrong, and a client's mistakes should not page the operator.
 */
@ApplicationScoped
public class RequestMeter {
    private final RequestWindow window = new RequestWindow(System::currentTimeMillis);

    public void record(long durationNanos, int status) {
        window.record(durationNanos, isError(status));
    }

    public RequestStats stats() {
        return window.stats();
    }

    static boolean isError(int status) {
        return status >= 500;
    }
}
