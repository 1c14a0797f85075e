package dev.herald.security;

import dev.herald.security.AuthorizationMatrix.Caller;
import dev.herald.security.AuthorizationMatrix.Row;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs an {@link AuthorizationMatrix} against one server and reports every mismatch at once. */
final class MatrixRunner {
    private MatrixRunner() {
    }

    /**
     * @param credentials the bearer token of each caller (null: anonymous); callers missing
     *                    from the map do not exist in this mode and are skipped
     * @return how many cells were checked
     */
    static int run(List<Row> rows, Function<String, URI> base, Map<Caller, Supplier<String>> credentials,
                   Function<String, String> placeholders) {
        var failures = new ArrayList<String>();
        int cells = 0;
        for (Row row : rows) {
            for (Caller caller : AuthorizationMatrix.ORDER) {
                Integer expected = row.expected().get(caller);
                Supplier<String> credential = credentials.get(caller);
                if (expected == null || credential == null) continue;
                var cell = Map.entry(caller, expected);
                String path = placeholders.apply(row.path());
                String bearer = credential.get();
                var headers = new HashMap<String, String>();
                if (bearer != null) headers.put("Authorization", "Bearer " + bearer);
                int status;
                String contentType;
                if (row.isStream()) {
                    // A client that reads statuses: an EventSource-only Accept turns a 401 into event: expired.
                    headers.put("Accept", "text/event-stream, application/problem+json");
                    var response = Http.stream(base.apply(path), headers);
                    status = response.statusCode();
                    contentType = response.headers().firstValue("Content-Type").orElse("");
                    Http.close(response);
                } else {
                    if (row.body() != null) headers.put("Content-Type", "application/json");
                    var response = Http.send(base.apply(path), row.method(),
                            row.body() == null ? null : row.body().getBytes(StandardCharsets.UTF_8), headers);
                    status = response.statusCode();
                    contentType = response.headers().firstValue("Content-Type").orElse("");
                }
                cells++;
                if (status != cell.getValue()) {
                    failures.add(row + " as " + cell.getKey() + ": expected " + cell.getValue() + ", got " + status);
                } else if (status >= 400 && !contentType.startsWith("application/problem+json")) {
                    failures.add(row + " as " + cell.getKey() + ": " + status + " without problem JSON (" + contentType + ")");
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + cells + " cells wrong:\n" + String.join("\n", failures));
        return cells;
    }

    /** A fresh notification addressed to the user, for rows about what is one's own. */
    static String notificationFor(String userId, Function<String, URI> base, String publisherToken) {
        var r = Http.send(base.apply("/api/notifications"), "POST",
                "{\"title\":\"mine\",\"message\":\"owned\",\"type\":\"info\",\"userId\":\"" + userId + "\"}", publisherToken);
        if (r.statusCode() != 201) throw new AssertionError("fixture notification: " + r.statusCode() + " " + r.body());
        return dev.herald.testing.Api.json(r.body()).getString("id");
    }

    /** A private room with USER as its only member. */
    static String privateRoomOf(String userToken, Function<String, URI> base) {
        var r = Http.send(base.apply("/api/chat/rooms"), "POST",
                "{\"name\":\"matrix " + java.util.UUID.randomUUID().toString().substring(0, 8) + "\",\"private\":true}", userToken);
        if (r.statusCode() != 201) throw new AssertionError("fixture room: " + r.statusCode() + " " + r.body());
        return dev.herald.testing.Api.json(r.body()).getString("id");
    }

    /** Fills {mine} and {private} for USER, once per matrix run. */
    static Function<String, String> fixtures(String userId, String userToken, Function<String, URI> base, String publisherToken) {
        var room = new java.util.concurrent.atomic.AtomicReference<String>();
        return path -> {
            if (path.contains("{mine}")) path = path.replace("{mine}", notificationFor(userId, base, publisherToken));
            if (path.contains("{private}")) {
                room.compareAndSet(null, privateRoomOf(userToken, base));
                path = path.replace("{private}", room.get());
            }
            return path;
        };
    }

    static Map<Caller, Supplier<String>> callers() {
        var m = new HashMap<Caller, Supplier<String>>();
        m.put(Caller.ANONYMOUS, () -> null);
        return m;
    }
}
