package dev.herald.security;

import dev.herald.testing.SecondLane;
import dev.herald.testing.BoundHttp;
import dev.herald.testing.Burst;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.herald.security.StrictServer.IDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-user, per-publisher and per-node limits, on the strict server where they
 * are tight (3 streams per user, 30 streams per node, 5 publishes and 20 writes per
 * second). Each is exceeded, answered 429 (or 503) with Retry-After, and someone
 * else is still served.
 */
@Tag("own-node")
@SecondLane
@ExtendWith(StrictServer.class)
class StrictLimitsIT {

    @BeforeEach
    void awaitIdleNode() throws InterruptedException {
        StrictServer.awaitIdle();
    }

    private static HttpResponse<InputStream> stream(String token) {
        return Http.stream(StrictServer.uri("/api/events?topic=custom/limits"), Map.of("Authorization", "Bearer " + token));
    }

    private static void assertLimited(HttpResponse<?> r, int status, String what) {
        assertEquals(status, r.statusCode(), what);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), what);
        long retry = Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow(() -> new AssertionError(what + ": no Retry-After")));
        assertTrue(retry >= 1, what + ": Retry-After " + retry);
    }

    @Test
    void aUserMayHoldOnlySoManyStreamsAndOthersAreStillServed() {
        String alice = IDP.token("limits-alice");
        var open = new ArrayList<HttpResponse<InputStream>>();
        try {
            for (int i = 0; i < StrictServer.STREAMS_PER_USER; i++) {
                var s = stream(alice);
                open.add(s);
                assertEquals(200, s.statusCode(), "stream " + (i + 1));
            }
            var refused = stream(alice);
            String body = Http.bodyOf(refused);
            assertLimited(refused, 429, "one stream too many: " + body);
            assertTrue(body.contains("per user"), body);

            var bob = stream(IDP.token("limits-bob"));
            open.add(bob);
            assertEquals(200, bob.statusCode(), "another user is unaffected");

            Http.close(open.remove(0));
            awaitStatus(() -> stream(alice), 200, open);
        } finally {
            open.forEach(Http::close);
        }
    }

    @Test
    void aFullNodeAnswers503AndAnEventSourceIsToldToComeBack() {
        var open = new ArrayList<HttpResponse<InputStream>>();
        try {
            int users = (StrictServer.CONNECTIONS + StrictServer.STREAMS_PER_USER - 1) / StrictServer.STREAMS_PER_USER;
            for (int u = 0; u < users && open.size() < StrictServer.CONNECTIONS; u++) {
                String token = IDP.token("full-" + u);
                for (int i = 0; i < StrictServer.STREAMS_PER_USER && open.size() < StrictServer.CONNECTIONS; i++) {
                    var s = stream(token);
                    open.add(s);
                    assertEquals(200, s.statusCode(), "stream " + open.size());
                }
            }
            // curl and other clients: the status and problem JSON.
            var full = Http.stream(StrictServer.uri("/api/events?topic=custom/limits"),
                    Map.of("Authorization", "Bearer " + IDP.token("full-late"), "Accept", "*/*"));
            assertLimited(full, 503, "node full: " + Http.bodyOf(full));

            // An EventSource gives up on any status but 200: it gets a stream that says come back.
            var eventSource = stream(IDP.token("full-late"));
            assertEquals(200, eventSource.statusCode());
            assertTrue(eventSource.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
            String text = Http.bodyOf(eventSource);
            var retry = java.util.regex.Pattern.compile("(?m)^retry: (\\d+)$").matcher(text);
            assertTrue(retry.find(), text);
            long millis = Long.parseLong(retry.group(1));
            assertTrue(millis >= 1000 && millis <= 3000, "retry spread over Retry-After and twice that: " + millis);
            assertTrue(text.contains("event: refused\ndata: {") && text.contains("\"status\":503"), text);

            var rest = Http.send(StrictServer.uri("/api/session"), "GET", null, IDP.token("full-late"));
            assertEquals(200, rest.statusCode(), "REST still answers on a full node");
        } finally {
            open.forEach(Http::close);
        }
    }

    /** Streams whose clients left count for nothing, even before the watch's next look. */
    @Test
    void aUserWhoseStreamsLeftIsServedAtOnce() {
        String carol = IDP.token("limits-carol");
        var auth = Map.of("Authorization", "Bearer " + carol);
        var streams = new ArrayList<BoundHttp.Stream>();
        for (int i = 0; i < StrictServer.STREAMS_PER_USER; i++) {
            var s = BoundHttp.openStream("127.0.0.1", StrictServer.port(), "/api/events?topic=custom/limits", auth);
            assertEquals(200, s.head().status());
            assertTrue(s.awaitLine("retry:", 5000));
            streams.add(s);
        }
        for (int i = 0; i < streams.size(); i++) {
            if (i % 2 == 0) streams.get(i).close();
            else streams.get(i).reset();
        }
        var again = new ArrayList<BoundHttp.Stream>();
        try {
            for (int i = 0; i < StrictServer.STREAMS_PER_USER; i++) {
                var s = BoundHttp.openStream("127.0.0.1", StrictServer.port(), "/api/events?topic=custom/limits", auth);
                again.add(s);
                assertEquals(200, s.head().status(), "stream " + (i + 1) + " after all " + StrictServer.STREAMS_PER_USER + " left: " + s.head());
            }
        } finally {
            again.forEach(BoundHttp.Stream::close);
        }
    }

    @Test
    void aPublisherPastItsRateGets429AndAnotherPublisherDoesNot() {
        String body = "{\"topic\":\"custom/limits\",\"type\":\"tick\",\"data\":{}}";
        // Sent together: one after another, a loaded machine may answer slower than the rate refills.
        String fast = IDP.token("fast-service", "publisher");
        var answers = Burst.of(StrictServer.PUBLISHES_PER_SECOND * 4, i -> Http.send(StrictServer.uri("/api/publish"), "POST", body, fast));
        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
        HttpResponse<String> limited = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElse(null);
        assertTrue(limited != null, "never limited: " + statuses);
        assertLimited(limited, 429, "publish rate");
        assertTrue(statuses.stream().filter(s -> s == 200).count() >= StrictServer.PUBLISHES_PER_SECOND, "the burst is allowed: " + statuses);
        assertEquals(200, Http.send(StrictServer.uri("/api/publish"), "POST", body, IDP.token("slow-service", "publisher")).statusCode());
    }

    /** A batch is one request against the publish rate, however many events it carries; past the rate, 429 as for single publishes. */
    @Test
    void aBatchCountsOnceAgainstThePublishRate() {
        String item = "{\"topic\":\"custom/limits\",\"type\":\"tick\",\"data\":{}}";
        String batch = "{\"events\":[" + String.join(",", java.util.Collections.nCopies(StrictServer.PUBLISHES_PER_SECOND * 4, item)) + "]}";
        String service = IDP.token("batch-service", "publisher");
        var one = Http.send(StrictServer.uri("/api/publish/batch"), "POST", batch, service);
        assertEquals(200, one.statusCode(), "more events than the rate in one batch: " + one.body());
        var answers = Burst.of(StrictServer.PUBLISHES_PER_SECOND * 4, i -> Http.send(StrictServer.uri("/api/publish/batch"), "POST", batch, service));
        HttpResponse<String> limited = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElse(null);
        assertTrue(limited != null, "batches never limited: " + answers.stream().map(HttpResponse::statusCode).toList());
        assertLimited(limited, 429, "publish rate");
    }

    @Test
    void aUserPastTheWriteRateGets429() {
        // Sent together, as above. Any write counts, even one the user may not make (403).
        String eve = IDP.token("limits-eve");
        var answers = Burst.of(StrictServer.WRITES_PER_SECOND * 4, i -> Http.send(StrictServer.uri("/api/admin/disconnect"), "POST", "{}", eve));
        List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).toList();
        HttpResponse<String> limited = answers.stream().filter(r -> r.statusCode() == 429).findFirst().orElse(null);
        assertTrue(limited != null, "never limited: " + statuses);
        assertLimited(limited, 429, "write rate");
        assertEquals(403, Http.send(StrictServer.uri("/api/admin/disconnect"), "POST", "{}", IDP.token("limits-frank")).statusCode(),
                "another user is not limited");
    }

    /** Retries until the status comes (a closed stream frees its slot once the server notices). */
    private static void awaitStatus(java.util.function.Supplier<HttpResponse<InputStream>> open, int status, List<HttpResponse<InputStream>> keep) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int last = -1;
        while (System.nanoTime() < deadline) {
            var r = open.get();
            last = r.statusCode();
            if (last == status) {
                keep.add(r);
                return;
            }
            Http.close(r);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new AssertionError("expected " + status + ", last got " + last);
    }
}
