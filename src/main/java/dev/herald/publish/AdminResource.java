package dev.herald.publish;

import dev.herald.boot.Storage;
import dev.herald.events.SystemEvents;
import dev.herald.http.JsonOut;
import dev.herald.http.Problem;
import dev.herald.http.ProblemException;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.EventHub;
import dev.herald.security.identity.Caller;
import dev.herald.store.Database;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Locale;
import java.util.Map;

/**
 * Operations, publisher role only: {@code POST /api/admin/disconnect} drops every
 * stream of this node (rolling deploys, tests); {@code POST /api/admin/backup} copies its
 * data file; {@code POST /api/admin/fail} answers a server error on purpose, to try the
 * error-rate alert and the dashboard.
 */
@Path("/admin")
public class AdminResource {
    static final long MAX_DELAY_MS = 10_000;

    @Inject
    EventHub hub;
    @Inject
    Caller caller;
    @Inject
    SystemEvents systemEvents;
    @Inject
    Storage storage;

    /**
     * A consistent copy of the node's embedded data file, taken while it runs, as the body
     * ({@code curl -o herald-backup.db}). Data in a server's DataSource is backed up with that
     * database's own tools; with nothing in a file, there is nothing to copy here.
     */
    @POST
    @Path("/backup")
    @Produces("application/vnd.sqlite3")
    public Response backup() throws IOException {
        caller.requirePublisher();
        Database db = storage.database().filter(d -> d.file().isPresent()).orElseThrow(() -> new ProblemException(new Problem(409,
                "Conflict", "this node keeps no data file (herald.store=" + storage.kept().name().toLowerCase(Locale.ROOT)
                + "); back up its database with that database's own tools", null)));
        java.nio.file.Path file = db.file().orElseThrow();
        // JAX-RS's @Path is the other Path here.
        java.nio.file.Path copy = file.resolveSibling("backup-" + System.currentTimeMillis() + "-" + System.nanoTime() + ".db");
        db.backupInto(copy);
        StreamingOutput body = out -> {
            try {
                Files.copy(copy, out);
            } finally {
                Files.deleteIfExists(copy);
            }
        };
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"herald-backup.db\"")
                .header("Content-Length", Files.size(copy)).build();
    }

    @POST
    @Path("/disconnect")
    @Produces(MediaType.APPLICATION_JSON)
    public String disconnectAll() {
        caller.requirePublisher();
        int dropped = hub.disconnectAll(DisconnectReason.ADMIN);
        systemEvents.record("streams_dropped", "warning", "an operator dropped " + dropped + " streams",
                Map.of("streams", Integer.toString(dropped)));
        return JsonOut.of(new Disconnected(dropped));
    }

    /**
     * Answers {@code status} (500–599, default 500) as problem JSON after {@code delayMs}
     * (0–10000): a real failed request, measured like any other, so the error rate and
     * response time move exactly as they would in an outage.
     */
    @POST
    @Path("/fail")
    public void fail(@QueryParam("status") String statusParam, @QueryParam("delayMs") String delayParam) {
        caller.requirePublisher();
        int status = (int) number("status", statusParam, 500, 500, 599);
        long delay = number("delayMs", delayParam, 0, 0, MAX_DELAY_MS);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new ProblemException(new Problem(status, "Forced failure", "failed on purpose by POST /api/admin/fail", null));
    }

    private static long number(String field, String raw, long fallback, long min, long max) {
        if (raw == null || raw.isBlank()) return fallback;
        try {
            long n = Long.parseLong(raw.strip());
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ProblemException.invalid(field, "a whole number from " + min + " to " + max);
    }
}
