package dev.herald.metrics;

import dev.herald.boot.HeraldConfig;
import dev.herald.http.ProblemException;
import dev.herald.hub.EventHub;
import dev.herald.hub.StreamLag;
import dev.herald.security.identity.Caller;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

import static dev.herald.http.Jsonp.JSON;

/**
 * {@code GET /api/admin/streams?limit=20}, publisher only: this node's streams, furthest
 * behind first, with the user and topics of each. What the Prometheus gauges sum up, named;
 * it names users, so it is an operator's call, not the public dashboard's.
 */
@Path("/admin/streams")
@Produces(MediaType.APPLICATION_JSON)
public class StreamsResource {
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 500;

    @Inject
    EventHub hub;
    @Inject
    Caller caller;
    @Inject
    HeraldConfig config;

    @GET
    public String slowest(@QueryParam("limit") String limitParam) {
        caller.requirePublisher();
        int limit = parseLimit(limitParam);
        List<StreamLag> lags = hub.lags();
        var streams = JSON.createArrayBuilder();
        lags.stream().limit(limit).forEach(l -> streams.add(json(l)));
        return JSON.createObjectBuilder()
                .add("node", config.nodeId())
                .add("open", lags.size())
                .add("streams", streams)
                .build().toString();
    }

    private static JsonObject json(StreamLag l) {
        var topics = JSON.createArrayBuilder();
        l.topics().stream().sorted().forEach(topics::add);
        var b = JSON.createObjectBuilder().add("id", l.id());
        if (l.userId() == null) b.addNull("userId");
        else b.add("userId", l.userId());
        return b.add("topics", topics)
                .add("transport", l.transport())
                .add("queued", l.queued())
                .add("oldestQueuedMs", l.oldestNanos() / 1_000_000)
                .add("sinceWriteMs", l.sinceWriteNanos() / 1_000_000)
                .build();
    }

    private static int parseLimit(String raw) {
        if (raw == null || raw.isBlank()) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 1 && n <= MAX_LIMIT) return n;
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ProblemException.invalid("limit", "a whole number from 1 to " + MAX_LIMIT);
    }
}
