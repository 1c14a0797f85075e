package dev.herald.security;

import dev.herald.testing.Api;
import dev.herald.testing.SharedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded sign-in: a signed token as bearer and as an HttpOnly, SameSite cookie. */
@ExtendWith(SharedNode.class)
class SessionIT {

    @Test
    void signInReturnsUserAndSetsAHardenedCookie() {
        var response = Api.postJson("/api/session", "{\"username\":\"Alice Smith\"}", null);
        assertEquals(200, response.statusCode(), response.body());
        var body = Api.json(response.body());
        assertEquals("alice-smith", body.getJsonObject("user").getString("id"));
        assertEquals("Alice Smith", body.getJsonObject("user").getString("username"));
        assertEquals("user", body.getJsonObject("user").getJsonArray("roles").getString(0));
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(cookie.startsWith("herald_session=" + body.getString("token")), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"), cookie);
    }

    @Test
    void tokenWorksAsBearerAndAsCookie() {
        String token = Api.signIn("bob");
        var asBearer = Api.get("/api/session", Map.of("Authorization", "Bearer " + token));
        assertEquals("bob", Api.json(asBearer.body()).getJsonObject("user").getString("id"));
        var asCookie = Api.get("/api/session", Map.of("Cookie", "herald_session=" + token));
        assertEquals(200, asCookie.statusCode());
        assertEquals("bob", Api.json(asCookie.body()).getJsonObject("user").getString("id"));
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = Api.signIn("carol");
        String tampered = token.substring(0, token.indexOf('.')) + "." + "A".repeat(43);
        var response = Api.get("/api/session", Map.of("Authorization", "Bearer " + tampered));
        assertEquals(200, response.statusCode());
        assertTrue(Api.json(response.body()).isNull("user"), "a tampered token must not sign anybody in");
    }

    @Test
    void signOutClearsTheCookie() {
        var response = Api.send("DELETE", "/api/session", null, Map.of());
        assertEquals(204, response.statusCode());
        assertTrue(response.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
    }
}
