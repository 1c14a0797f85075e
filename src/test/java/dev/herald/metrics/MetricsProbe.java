package dev.herald.metrics;

import dev.herald.testing.Api;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Reads {@code GET /api/metrics} and waits for a sample to show something, for the dashboard's ITs. */
public final class MetricsProbe {
    private MetricsProbe() {
    }

    public static JsonObject current() {
        var response = Api.get("/api/metrics", Map.of());
        if (response.statusCode() != 200) throw new AssertionError("GET /api/metrics: " + response.statusCode() + " " + response.body());
        return Api.json(response.body());
    }

    /** Polls until a sample matches; fails with the last one seen. */
    public static JsonObject await(Predicate<JsonObject> wanted, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject last = current();
        while (!wanted.test(last)) {
            if (System.nanoTime() > deadline) throw new AssertionError("no sample " + what + " within " + timeout + "; last: " + last);
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            last = current();
        }
        return last;
    }

    public static double number(JsonObject sample, String key) {
        return sample.getJsonNumber(key).doubleValue();
    }

    /** Sends {@code n} requests forcing a {@code status} answer after {@code delayMs}. */
    public static void forceFailures(int n, int status, long delayMs) {
        for (int i = 0; i < n; i++) {
            var r = Api.postJson("/api/admin/fail?status=" + status + "&delayMs=" + delayMs, null, Api.PUBLISHER_TOKEN);
            if (r.statusCode() != status) throw new AssertionError("forced failure answered " + r.statusCode() + " " + r.body());
        }
    }
}
