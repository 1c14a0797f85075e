package dev.herald.sse;

import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.SseEvent;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream outlives its token: it says {@code expiring}, the client renews over REST, and the
 * same connection carries on under the new credential, with nothing replayed. Without a
 * renewal, or with a refused one, it ends with {@code expired}; a signed-out session renews
 * nothing. Sessions here are a few seconds long ({@code ttl} at sign-in), so a stream lives
 * through several of them in a test.
 */
@Tag("both-transports")
@ExtendWith(SharedNode.class)
class StreamRenewalIT {
    private static final AtomicInteger N = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Signs in for {@code seconds}: the answer, with {@code token} and {@code expiresAt}. */
    private static JsonObject signIn(String name, int seconds) {
        var r = Api.postJson("/api/session", "{\"username\":\"" + name + "\",\"ttl\":" + seconds + "}", null);
        assertEquals(200, r.statusCode(), r.body());
        return Api.json(r.body());
    }

    private static HttpResponse<String> post(String path, String token) {
        return Api.send("POST", path, null, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token));
    }

    private static String unique(String what) {
        return what + "-" + ProcessHandle.current().pid() + "-" + N.incrementAndGet();
    }

    @Test
    void aRenewedStreamCarriesOnPastSeveralTokenLifetimesOnOneConnection() {
        String topic = "custom/" + unique("renewal");
        JsonObject session = signIn(unique("Rena"), 4);
        String token = session.getString("token");
        long expiry = session.getJsonNumber("expiresAt").longValue();
        try (var stream = RawStream.open("/api/events?topic=" + topic, Map.of("Authorization", "Bearer " + token))) {
            long opened = System.currentTimeMillis();
            var events = new Events(stream);
            Api.publish(topic, "first", "{}");
            events.await("first");
            String streamId = null;
            for (int round = 1; round <= 3; round++) {
                JsonObject notice = events.await("expiring").json();
                long left = notice.getJsonNumber("expiresIn").longValue();
                // Less than the notice (60 s) is left: said halfway, with about 2 s to go.
                assertTrue(left > 0 && left <= 2100, "time left: " + left);
                assertTrue(System.currentTimeMillis() < expiry, "told before the expiry");
                if (streamId == null) streamId = notice.getString("stream");
                assertEquals(streamId, notice.getString("stream"), "one stream, one id");

                var renewed = post("/api/session/renew", token);
                assertEquals(200, renewed.statusCode(), renewed.body());
                token = Api.json(renewed.body()).getString("token");
                var handed = post("/api/streams/" + streamId + "/credential", token);
                assertEquals(200, handed.statusCode(), handed.body());
                assertEquals(streamId, Api.json(handed.body()).getString("stream"));
                long previous = expiry;
                expiry = Api.json(handed.body()).getJsonNumber("expiresAt").longValue();
                assertTrue(expiry > previous, "the new credential expires later");

                sleepUntil(previous + 300);
                Api.publish(topic, "live", "{\"round\":" + round + "}");
                assertEquals(round, events.await("live").json().getJsonObject("data").getInt("round"), "past the old expiry, the same stream carries on live");
            }
            assertTrue(System.currentTimeMillis() - opened > 2 * 4000, "two lifetimes of a token passed on one connection");

            // No renewal this time: the stream ends when the last credential expires.
            events.await("expired");
            assertTrue(System.currentTimeMillis() >= expiry - 50, "not before the renewed expiry");
            assertTrue(stream.ended(WAIT));
            assertEquals(1, events.seen.stream().filter("first"::equals).count(), "nothing replayed: " + events.seen);
            assertEquals(1, events.seen.stream().filter("expired"::equals).count(), "expired once, at the end: " + events.seen);
        }
    }

    @Test
    void refusedRenewalsLeaveTheStreamToExpireAsBefore() {
        String topic = "custom/" + unique("refused");
        JsonObject session = signIn(unique("Rolf"), 3);
        String token = session.getString("token");
        String stranger = signIn(unique("Sten"), 60).getString("token");
        try (var stream = RawStream.open("/api/events?topic=" + topic, Map.of("Authorization", "Bearer " + token))) {
            var events = new Events(stream);
            String streamId = events.await("expiring").json().getString("stream");

            var another = post("/api/streams/" + streamId + "/credential", stranger);
            assertProblem(403, null, another);
            assertProblem(401, null, post("/api/streams/" + streamId + "/credential", null));
            assertProblem(403, null, post("/api/streams/" + streamId + "/credential", Api.PUBLISHER_TOKEN));
            assertProblem(400, "stream", post("/api/streams/not-a-stream/credential", token));
            assertProblem(404, null, post("/api/streams/AAAAAAAAAAAAAAAAAAAAAA/credential", token));

            SseEvent end = events.await("expired");
            assertEquals("expired", end.json().getString("reason"));
            assertTrue(System.currentTimeMillis() >= session.getJsonNumber("expiresAt").longValue() - 50, "at the old expiry");
            assertTrue(stream.ended(WAIT));
        }
        assertProblem(404, null, post("/api/streams/AAAAAAAAAAAAAAAAAAAAAA/credential", stranger));
    }

    @Test
    void aSignedOutSessionRenewsNothingWhicheverOfItsTokensIsShown() {
        String topic = "custom/" + unique("signout");
        String token = signIn(unique("Sina"), 4).getString("token");
        try (var stream = RawStream.open("/api/events?topic=" + topic, Map.of("Authorization", "Bearer " + token))) {
            var events = new Events(stream);
            String streamId = events.await("expiring").json().getString("stream");
            var renewed = post("/api/session/renew", token);
            assertEquals(200, renewed.statusCode(), renewed.body());
            String second = Api.json(renewed.body()).getString("token");

            // Signing out the first token ends the session: its stream, and the renewed token too.
            assertEquals(204, Api.send("DELETE", "/api/session", null, Map.of("Authorization", "Bearer " + token)).statusCode());
            events.await("expired");
            assertTrue(stream.ended(WAIT));
            assertProblem(401, null, post("/api/session/renew", second));
            assertProblem(401, null, post("/api/session/renew", token));
            assertProblem(401, null, post("/api/streams/" + streamId + "/credential", second));
            assertTrue(Api.json(Api.get("/api/session", Map.of("Authorization", "Bearer " + second)).body()).isNull("user"));
        }
    }

    @Test
    void aStreamRenewedThenSignedOutEnds() {
        String topic = "custom/" + unique("renewed-then-out");
        String token = signIn(unique("Rune"), 4).getString("token");
        try (var stream = RawStream.open("/api/events?topic=" + topic, Map.of("Authorization", "Bearer " + token))) {
            var events = new Events(stream);
            String streamId = events.await("expiring").json().getString("stream");
            String second = Api.json(post("/api/session/renew", token).body()).getString("token");
            assertEquals(200, post("/api/streams/" + streamId + "/credential", second).statusCode());
            assertEquals(204, Api.send("DELETE", "/api/session", null, Map.of("Authorization", "Bearer " + second)).statusCode());
            events.await("expired");
            assertTrue(stream.ended(WAIT));
        }
    }

    /** A page signed out elsewhere as its stream opens: an EventSource cannot read a 401, so it is told `expired`. */
    @Test
    void anEventSourceWithoutTheSessionItNeedsIsToldExpired() {
        try (var stream = RawStream.open("/api/events?topic=notifications", Map.of())) {
            assertEquals(200, stream.response().statusCode());
            SseEvent opening = stream.next(WAIT);
            assertEquals(60_000L, opening.retry(), "a plain EventSource asks again after a minute, not at once");
            SseEvent expired = stream.await(e -> e.event() != null, WAIT);
            assertEquals("expired", expired.event());
            assertEquals("{\"reason\":\"expired\"}", expired.data());
            assertTrue(stream.ended(WAIT));
        }
        var asJson = Api.get("/api/events?topic=notifications", Map.of("Accept", "text/event-stream, application/problem+json"));
        assertProblem(401, null, asJson);
    }

    @Test
    void aSignInMayAskForAShorterSessionOnly() {
        long before = System.currentTimeMillis();
        var r = Api.postJson("/api/session", "{\"username\":\"" + unique("Tess") + "\",\"ttl\":5}", null);
        assertEquals(200, r.statusCode(), r.body());
        long expiresAt = Api.json(r.body()).getJsonNumber("expiresAt").longValue();
        assertTrue(expiresAt >= before + 5000 && expiresAt <= System.currentTimeMillis() + 5000, "five seconds: " + (expiresAt - before));
        assertTrue(r.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=5;"), "the cookie lives as long");
        assertProblem(400, "ttl", Api.postJson("/api/session", "{\"username\":\"tess\",\"ttl\":0}", null));
        assertProblem(400, "ttl", Api.postJson("/api/session", "{\"username\":\"tess\",\"ttl\":86401}", null));
        assertProblem(400, "ttl", Api.postJson("/api/session", "{\"username\":\"tess\",\"ttl\":\"long\"}", null));
    }

    private static void assertProblem(int status, String field, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
        if (field != null) assertEquals(field, Api.json(r.body()).getString("field"), r.body());
    }

    /** A stream's named events, read in order; those not awaited yet wait their turn. */
    private static final class Events {
        final RawStream stream;
        final List<String> seen = new ArrayList<>();
        final List<SseEvent> pending = new ArrayList<>();

        Events(RawStream stream) {
            this.stream = stream;
        }

        /** The next event of that name; an {@code expired} before it fails the test. */
        SseEvent await(String name) {
            for (SseEvent e : pending) {
                if (name.equals(e.event())) {
                    pending.remove(e);
                    return e;
                }
            }
            SseEvent e = stream.await(x -> {
                if (x.event() == null || "heartbeat".equals(x.event())) return false;
                seen.add(x.event());
                if (name.equals(x.event()) || "expired".equals(x.event())) return true;
                pending.add(x);
                return false;
            }, WAIT);
            assertEquals(name, e.event(), "before any " + name + ": " + seen);
            return e;
        }
    }

    private static void sleepUntil(long epochMillis) {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait <= 0) return;
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
