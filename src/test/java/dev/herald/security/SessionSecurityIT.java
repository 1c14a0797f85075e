package dev.herald.security;

import dev.herald.security.identity.Authenticator;
import dev.herald.security.web.SecurityHeaders;
import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SharedNode;
import dev.herald.testing.Tls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sessions that end when signed out, writes that cannot be forged cross-site, HTTPS with HTTP/2, and the headers. */
@ExtendWith(SharedNode.class)
class SessionSecurityIT {

    private static String self() {
        String base = SharedNode.base().toString();
        return base.substring(0, base.length() - 1);
    }

    private static HttpResponse<String> signOutWithCookie(String token, Map<String, String> extra) {
        var headers = new java.util.HashMap<>(extra);
        headers.put("Cookie", Authenticator.COOKIE + "=" + token);
        return Http.send(Api.uri("/api/session"), "DELETE", null, headers);
    }

    /** 200 for a signed-in token, 401 for one that signs nobody in (GET /api/session answers {user:null}). */
    private static int whoAmI(String token) {
        return signedIn(Api.get("/api/session", Map.of("Authorization", "Bearer " + token)));
    }

    private static int signedIn(java.net.http.HttpResponse<String> r) {
        if (r.statusCode() != 200) return r.statusCode();
        return Api.json(r.body()).isNull("user") ? 401 : 200;
    }

    @Test
    void signOutInvalidatesTheTokenAndEndsItsStreams() {
        String token = Api.signIn("leaving-user");
        String other = Api.signIn("leaving-user");
        try (var stream = RawStream.open("/api/events?topic=custom/signout", Map.of("Authorization", "Bearer " + token))) {
            stream.next(Duration.ofSeconds(5));
            var out = Http.send(Api.uri("/api/session"), "DELETE", null, token);
            assertEquals(204, out.statusCode());
            assertTrue(out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"), "the cookie is cleared");

            var ending = stream.await(e -> "expired".equals(e.event()), Duration.ofSeconds(10));
            assertEquals("{\"reason\":\"expired\"}", ending.data());
            assertTrue(stream.ended(Duration.ofSeconds(5)), "the stream closes after the expired event");
        }
        assertEquals(401, whoAmI(token), "the signed-out token is refused as bearer");
        assertEquals(401, signedIn(Api.get("/api/session", Map.of("Cookie", Authenticator.COOKIE + "=" + token))), "and as cookie");
        assertEquals(200, whoAmI(other), "another sign-in of the same user is unaffected");
    }

    @Test
    void cookieWritesNeedAnAllowedOrigin() {
        String token = Api.signIn("csrf-target");
        var forged = signOutWithCookie(token, Map.of("Origin", "https://evil.test"));
        assertEquals(403, forged.statusCode(), forged.body());
        assertTrue(forged.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(403, signOutWithCookie(token, Map.of()).statusCode(), "no Origin or Referer with a cookie");
        assertEquals(403, signOutWithCookie(token, Map.of("Referer", "https://evil.test/page")).statusCode());
        assertEquals(403, signOutWithCookie(token, Map.of("Origin", "null")).statusCode(), "an opaque origin");
        assertEquals(200, whoAmI(token), "no forged request changed anything");

        assertEquals(204, signOutWithCookie(token, Map.of("Referer", self() + "/index.html")).statusCode(), "own page by Referer");
        assertEquals(401, whoAmI(token));
        String again = Api.signIn("csrf-target");
        assertEquals(204, signOutWithCookie(again, Map.of("Origin", self())).statusCode(), "own origin");

        var bearer = Http.send(Api.uri("/api/publish"), "POST",
                "{\"topic\":\"custom/csrf\",\"type\":\"probe\",\"data\":{}}".getBytes(),
                Map.of("Origin", "https://evil.test", "Content-Type", "application/json", "Authorization", "Bearer " + Api.PUBLISHER_TOKEN));
        assertEquals(200, bearer.statusCode(), "bearer requests are exempt: a foreign page cannot add the header");
        var crossSiteSignIn = Http.send(Api.uri("/api/session"), "POST", "{\"username\":\"x\"}".getBytes(),
                Map.of("Origin", "https://evil.test", "Content-Type", "application/json"));
        assertEquals(403, crossSiteSignIn.statusCode(), "no sign-in from a foreign page either");
    }

    @Test
    void pagesAndApiCarryTheSecurityHeaders() {
        for (String path : new String[]{"/", "/js/herald.js", "/css/herald.css", "/api/session", "/api/no-such"}) {
            var r = Api.get(path, Map.of());
            var h = r.headers();
            assertEquals(SecurityHeaders.CSP, h.firstValue("Content-Security-Policy").orElse(null), path);
            assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(null), path);
            assertEquals("DENY", h.firstValue("X-Frame-Options").orElse(null), path);
            assertNotNull(h.firstValue("Referrer-Policy").orElse(null), path);
            assertTrue(h.firstValue("Access-Control-Allow-Origin").isEmpty(), path + ": no CORS without a listed origin");
        }
        String csp = SecurityHeaders.CSP;
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"));
    }

    @Test
    void httpsServesHttp2AndTheCookieIsSecure() throws Exception {
        var client = Tls.http2Client();
        int port = Tls.uri("/").getPort();
        var r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/api/session"))
                .header("Content-Type", "application/json").header("Origin", "https://localhost:" + port)
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"secure-sam\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(HttpClient.Version.HTTP_2, r.version());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.contains("; Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), cookie);
    }
}
