package dev.herald.liveness;

import dev.herald.testing.Api;
import dev.herald.testing.Await;
import dev.herald.testing.BoundHttp;
import dev.herald.testing.SharedNode;
import dev.herald.testing.Tls;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream whose client left is released within 2 s, however it left: FIN or RST on
 * HTTP/1.1, a reset stream or a closed connection on HTTP/2. Released means what a
 * user sees: presence drops, the stream counts as {@code client_gone}, and the
 * server's file descriptors follow.
 */
@Tag("both-transports")
@ExtendWith(SharedNode.class)
class ClientGoneIT {
    private static final long WITHIN_MILLIS = 2000;
    private static final String ROOM = "general";

    enum Leaving {
        FIN {
            void leave(BoundHttp.Stream s) {
                s.close();
            }
        },
        RST {
            void leave(BoundHttp.Stream s) {
                s.reset();
            }
        };

        abstract void leave(BoundHttp.Stream s);
    }

    @ParameterizedTest
    @EnumSource(Leaving.class)
    void anHttp1ClientThatLeavesIsOfflineWithinTwoSeconds(Leaving how) throws Exception {
        String user = "leaver-" + how.name().toLowerCase() + "-" + System.nanoTime();
        String token = Api.signIn(user);
        double goneBefore = clientGone();
        var stream = BoundHttp.openStream("127.0.0.1", BoundHttp.port(), "/api/events?topic=chat/" + ROOM, bearer(token));
        assertEquals(200, stream.head().status());
        assertTrue(stream.awaitLine("retry:", 5000), "the stream opened");
        assertTrue(Await.until(() -> online(user), 5000), "online while streaming");

        long left = System.nanoTime();
        how.leave(stream);
        assertTrue(Await.until(() -> !online(user), WITHIN_MILLIS), user + " still online " + WITHIN_MILLIS + " ms after " + how);
        System.out.printf("%s: offline %d ms after the client left%n", how, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - left));
        assertTrue(clientGone() > goneBefore, "counted as client_gone");
    }

    @Test
    void fileDescriptorsFollowTheClientsThatLeft() throws Exception {
        int n = 300;
        var streams = new ArrayList<BoundHttp.Stream>();
        double before = Api.metric("herald_open_files", null);
        for (int i = 0; i < n; i++) {
            var s = BoundHttp.openStream("127.0.0.1", BoundHttp.port(), "/api/events?topic=custom/fds", Map.of());
            assertEquals(200, s.head().status());
            streams.add(s);
        }
        double open = Api.metric("herald_open_files", null);
        assertTrue(open >= before + n - 10, "a socket per stream: " + before + " -> " + open);

        for (int i = 0; i < n; i++) {
            if (i % 2 == 0) streams.get(i).close();
            else streams.get(i).reset();
        }
        assertTrue(Await.until(() -> Api.metric("herald_open_files", null) <= open - n + 10, WITHIN_MILLIS),
                "descriptors released: " + open + " -> " + Api.metric("herald_open_files", null));
    }

    @Test
    void anHttp2StreamTheClientResetsIsOfflineWithinTwoSeconds() throws Exception {
        String user = "h2-reset-" + System.nanoTime();
        String token = Api.signIn(user);
        HttpClient client = Tls.http2Client();
        var response = client.send(HttpRequest.newBuilder(Tls.uri("/api/events?topic=chat/" + ROOM))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals(HttpClient.Version.HTTP_2, response.version());
        InputStream body = response.body();
        body.read();
        assertTrue(Await.until(() -> online(user), 5000), "online while streaming");

        // The JDK client resets the stream (RST_STREAM) and keeps the connection for other requests.
        body.close();
        assertTrue(Await.until(() -> !online(user), WITHIN_MILLIS), user + " still online after the HTTP/2 stream was reset");
        var still = client.send(HttpRequest.newBuilder(Tls.uri("/api/session")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, still.statusCode(), "the connection itself lives on");
    }

    @Test
    void anHttp2ClientThatQuitsIsOfflineWithinTwoSeconds() throws Exception {
        String user = "h2-quit-" + System.nanoTime();
        String token = Api.signIn(user);
        Process curl = new ProcessBuilder("curl", "-sSNk", "--http2", "-H", "Authorization: Bearer " + token,
                Tls.uri("/api/events?topic=chat/" + ROOM).toString())
                .redirectErrorStream(true).start();
        try {
            assertTrue(Await.until(() -> online(user), 10_000), "online while curl streams");
            curl.destroy();
            assertTrue(curl.waitFor(5, TimeUnit.SECONDS));
            assertTrue(Await.until(() -> !online(user), WITHIN_MILLIS), user + " still online after curl quit");
        } finally {
            curl.destroyForcibly();
        }
    }

    private static double clientGone() {
        return Api.metric("herald_disconnects_total", "reason=\"client_gone\"");
    }

    private static boolean online(String user) {
        String observer = Api.signIn("observer");
        var r = Api.get("/api/chat/rooms/" + ROOM + "/presence", bearer(observer));
        assertEquals(200, r.statusCode(), r.body());
        List<JsonObject> online = Api.json(r.body()).getJsonArray("online").getValuesAs(JsonObject.class);
        return online.stream().anyMatch(o -> user.equals(o.getString("username")));
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }
}
