package dev.herald.metrics;

import dev.herald.http.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import static dev.herald.http.Jsonp.JSON;

/** {@code GET /api/metrics} (the current sample) and {@code GET /api/metrics/history?minutes=N} (the series). */
@Path("/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {
    static final int DEFAULT_MINUTES = 15;

    @Inject
    LiveMetrics metrics;

    @GET
    public String current() {
        return metrics.latest().withTimestamp().toString();
    }

    /** {@code {interval, minutes, samples: [{timestamp, activeUsers, …}, …]}}, oldest first. */
    @GET
    @Path("/history")
    public String history(@QueryParam("minutes") String minutesParam) {
        int max = metrics.settings().historyMinutes();
        int minutes = parseMinutes(minutesParam, max);
        var samples = JSON.createArrayBuilder();
        for (MetricsSample s : metrics.history().since(System.currentTimeMillis() - minutes * 60_000L)) {
            samples.add(s.withTimestamp());
        }
        return JSON.createObjectBuilder()
                .add("interval", metrics.settings().interval().toMillis())
                .add("minutes", minutes)
                .add("samples", samples)
                .build().toString();
    }

    private static int parseMinutes(String raw, int max) {
        if (raw == null || raw.isBlank()) return Math.min(DEFAULT_MINUTES, max);
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 1 && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ProblemException.invalid("minutes", "a whole number from 1 to " + max);
    }
}
