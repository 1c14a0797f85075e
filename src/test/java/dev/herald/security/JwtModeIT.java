package dev.herald.security;

import dev.herald.security.AuthorizationMatrix.Caller;
import dev.herald.testing.SecondLane;
import dev.herald.testing.Api;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.herald.security.StrictServer.IDP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Production identity: JWTs from an identity provider, on a server in jwt mode. */
@Tag("own-node")
@SecondLane
@ExtendWith(StrictServer.class)
class JwtModeIT {

    @org.junit.jupiter.api.BeforeEach
    void awaitIdleNode() throws InterruptedException {
        StrictServer.awaitIdle();
    }

    private static java.net.URI uri(String path) {
        return StrictServer.uri(path);
    }

    @Test
    void theServerRefusedToStartInJwtModeWithTheDefaultPublisherToken() {
        assertTrue(StrictServer.refusedDefaultToken(), "the log should say why Herald refused to start");
    }

    @Test
    void aTokenFromTheIdentityProviderSignsTheUserInWithTheirGroups() {
        var me = Http.send(uri("/api/session"), "GET", null, IDP.token("ada@example.com", "admin"));
        assertEquals(200, me.statusCode(), me.body());
        var user = Api.json(me.body()).getJsonObject("user");
        assertEquals("ada@example.com", user.getString("id"));
        assertEquals(List.of("admin", "user"), user.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
    }

    @Test
    void forgedExpiredOrForeignTokensAreNotSignedIn() {
        long now = System.currentTimeMillis() / 1000;
        var tokens = Map.of(
                "another key", new TestJwts().token("mallory"),
                "expired", IDP.sign(TestJwts.claims(TestJwts.ISSUER, TestJwts.AUDIENCE, "mallory", now - 5, List.of())),
                "other issuer", IDP.sign(TestJwts.claims("https://evil.test", TestJwts.AUDIENCE, "mallory", now + 600, List.of())),
                "other audience", IDP.sign(TestJwts.claims(TestJwts.ISSUER, "not-herald", "mallory", now + 600, List.of())),
                "dev publisher token", "dev-publisher-token",
                "garbage", "a.b.c");
        tokens.forEach((what, token) -> {
            var r = Http.send(uri("/api/session"), "GET", null, token);
            assertEquals(200, r.statusCode(), what + ": " + r.body());
            assertTrue(Api.json(r.body()).isNull("user"), what + " signed someone in: " + r.body());
        });
    }

    @Test
    void theDevSignInIsGoneAndItsCookiesMeanNothing() {
        var r = Http.send(uri("/api/session"), "POST", "{\"username\":\"alice\"}", null);
        assertEquals(404, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        var withCookie = Http.send(uri("/api/session"), "GET", null, Map.of("Cookie", "herald_session=" + "x".repeat(20)));
        assertTrue(Api.json(withCookie.body()).isNull("user"), withCookie.body());
    }

    @Test
    void publishersArePublisherGroupTokensOrTheConfiguredSecret() {
        String body = "{\"topic\":\"custom/jwt\",\"type\":\"hello\",\"data\":{}}";
        assertEquals(200, Http.send(uri("/api/publish"), "POST", body, IDP.token("billing", "publisher")).statusCode());
        assertEquals(200, Http.send(uri("/api/publish"), "POST", body, StrictServer.PUBLISHER_TOKEN).statusCode());
        assertEquals(403, Http.send(uri("/api/publish"), "POST", body, IDP.token("alice")).statusCode());
        assertEquals(401, Http.send(uri("/api/publish"), "POST", body, "dev-publisher-token").statusCode());
    }

    @Test
    void everyEndpointAnswersEveryCallerAsTheTableSays() {
        var callers = MatrixRunner.callers();
        callers.put(Caller.USER, () -> IDP.token("matrix-alice"));
        callers.put(Caller.OTHER_USER, () -> IDP.token("matrix-bob"));
        callers.put(Caller.PUBLISHER, () -> StrictServer.PUBLISHER_TOKEN);
        callers.put(Caller.ADMIN, () -> IDP.token("matrix-root", "admin"));
        var rows = new ArrayList<>(AuthorizationMatrix.common());
        rows.addAll(AuthorizationMatrix.jwtOnly());
        int cells = MatrixRunner.run(rows, StrictServer::uri, callers,
                MatrixRunner.fixtures("matrix-alice", IDP.token("matrix-alice"), StrictServer::uri, StrictServer.PUBLISHER_TOKEN));
        assertTrue(cells >= rows.size() * 5, "checked " + cells);
    }

    @Test
    void aStreamEndsWithAnExpiredEventWhenItsTokenExpires() throws Exception {
        long exp = System.currentTimeMillis() / 1000 + 3;
        String token = IDP.sign(TestJwts.claims(TestJwts.ISSUER, TestJwts.AUDIENCE, "brief", exp, List.of()));
        var stream = Http.stream(uri("/api/events?topic=custom/expiry"), Map.of("Authorization", "Bearer " + token));
        assertEquals(200, stream.statusCode());
        var lines = CompletableFuture.supplyAsync(() -> {
            var seen = new ArrayList<String>();
            try (var in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) seen.add(line);
            } catch (java.io.IOException ended) {
                // the server closed it
            }
            return seen;
        });
        List<String> seen = lines.get(15, TimeUnit.SECONDS);
        int at = seen.indexOf("event: expired");
        assertTrue(at >= 0, "no expired event in " + seen);
        assertEquals("data: {\"reason\":\"expired\"}", seen.get(at + 1));
        assertTrue(System.currentTimeMillis() >= exp * 1000 - 50, "ended before the token expired");
    }

    /** jwt mode: a new token of the identity provider, for the same subject, carries the stream on (issue 26). */
    @Test
    void aStreamTakesANewTokenOfTheSameSubjectAndCarriesOn() throws Exception {
        long exp = System.currentTimeMillis() / 1000 + 4;
        String token = IDP.sign(TestJwts.claims(TestJwts.ISSUER, TestJwts.AUDIENCE, "lasting", exp, List.of()));
        try (var stream = dev.herald.testing.RawStream.open(uri("/api/events?topic=custom/lasting"), Map.of("Authorization", "Bearer " + token))) {
            var notice = stream.await(e -> "expiring".equals(e.event()), java.time.Duration.ofSeconds(10)).json();
            String id = notice.getString("stream");
            assertEquals(404, Http.send(uri("/api/session/renew"), "POST", null, token).statusCode(), "no session renewal in jwt mode");
            String someoneElse = IDP.token("other@example.com");
            assertEquals(403, Http.send(uri("/api/streams/" + id + "/credential"), "POST", null, someoneElse).statusCode());
            String fresh = IDP.sign(TestJwts.claims(TestJwts.ISSUER, TestJwts.AUDIENCE, "lasting", exp + 60, List.of()));
            var handed = Http.send(uri("/api/streams/" + id + "/credential"), "POST", null, fresh);
            assertEquals(200, handed.statusCode(), handed.body());
            assertEquals((exp + 60) * 1000, Api.json(handed.body()).getJsonNumber("expiresAt").longValue());
            Thread.sleep(Math.max(0, exp * 1000 + 500 - System.currentTimeMillis()));
            var published = Http.send(uri("/api/publish"), "POST",
                    "{\"topic\":\"custom/lasting\",\"type\":\"still\",\"data\":{}}".getBytes(StandardCharsets.UTF_8),
                    Map.of("Content-Type", "application/json", "Authorization", "Bearer " + IDP.token("svc", "publisher")));
            assertEquals(200, published.statusCode(), published.body());
            var next = stream.await(e -> "still".equals(e.event()) || "expired".equals(e.event()), java.time.Duration.ofSeconds(10));
            assertEquals("still", next.event(), "past the first token's expiry, the stream carries on");
        }
    }

    @Test
    void corsAnswersListedOriginsOnlyAndNeverWithAWildcard() {
        var listed = Http.send(uri("/api/events?topic=metrics"), "OPTIONS", null,
                Map.of("Origin", "https://app.herald.test", "Access-Control-Request-Method", "GET",
                        "Access-Control-Request-Headers", "authorization"));
        assertEquals(204, listed.statusCode());
        assertEquals("https://app.herald.test", listed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("true", listed.headers().firstValue("Access-Control-Allow-Credentials").orElse(null));
        assertTrue(listed.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));

        var other = Http.send(uri("/api/session"), "GET", null, Map.of("Origin", "https://evil.test"));
        assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS grant for an unlisted origin");
        var write = Http.send(uri("/api/publish"), "POST", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("Origin", "https://app.herald.test", "Content-Type", "application/json"));
        assertEquals("https://app.herald.test", write.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals(401, write.statusCode(), "a listed origin still needs credentials");
    }
}
