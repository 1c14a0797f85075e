package dev.herald.security.identity;

import dev.herald.security.TestJwts;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JwtVerifierTest {
    private static final TestJwts IDP = new TestJwts();
    private static final long NOW = System.currentTimeMillis();

    private final JwtVerifier verifier = new JwtVerifier(JwtVerifier.parseKeys(IDP.publicKeyPem()),
            TestJwts.ISSUER, Set.of(TestJwts.AUDIENCE), "RS256", 60_000);

    private static String claims(String iss, String aud, long exp) {
        return TestJwts.claims(iss, aud, "alice@example.com", exp, List.of("publisher", "admin"));
    }

    @Test
    void aValidTokenGivesTheUserGroupsIdAndExpiry() {
        long exp = NOW / 1000 + 600;
        var claims = verifier.verify(IDP.sign(claims(TestJwts.ISSUER, TestJwts.AUDIENCE, exp)), NOW).orElseThrow();
        assertEquals("alice@example.com", claims.user());
        assertEquals(Set.of("publisher", "admin"), claims.groups());
        assertEquals(exp * 1000, claims.expiresAtMillis());
        assertTrue(claims.tokenId() != null && !claims.tokenId().isEmpty());

        var auth = JwtIdentities.toAuthentication(claims);
        assertEquals(Set.of("user", "publisher", "admin"), auth.identity().roles());
    }

    @Test
    void aPublisherOnlyTokenIsAServiceNotAUser() {
        var claims = verifier.verify(IDP.token("billing-service", "publisher"), NOW).orElseThrow();
        assertEquals(Set.of("publisher"), JwtIdentities.toAuthentication(claims).identity().roles());
        var plain = verifier.verify(IDP.token("bob"), NOW).orElseThrow();
        assertEquals(Set.of("user"), JwtIdentities.toAuthentication(plain).identity().roles());
    }

    @Test
    void wrongIssuerAudienceExpiryOrSignatureIsRefused() {
        long exp = NOW / 1000 + 600;
        assertTrue(verifier.verify(IDP.sign(claims("https://evil.test", TestJwts.AUDIENCE, exp)), NOW).isEmpty(), "issuer");
        assertTrue(verifier.verify(IDP.sign(claims(TestJwts.ISSUER, "someone-else", exp)), NOW).isEmpty(), "audience");
        assertTrue(verifier.verify(IDP.sign(claims(TestJwts.ISSUER, TestJwts.AUDIENCE, NOW / 1000 - 120)), NOW).isEmpty(), "expired");
        assertTrue(verifier.verify(IDP.sign(claims(TestJwts.ISSUER, TestJwts.AUDIENCE, NOW / 1000 - 30)), NOW).isPresent(), "within skew");
        assertTrue(verifier.verify(new TestJwts().token("alice"), NOW).isEmpty(), "another key");

        String good = IDP.token("alice");
        String[] parts = good.split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims(TestJwts.ISSUER, TestJwts.AUDIENCE, exp).replace("alice@example.com", "mallory").getBytes());
        assertTrue(verifier.verify(parts[0] + "." + forgedClaims + "." + parts[2], NOW).isEmpty(), "tampered claims");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes());
        assertTrue(verifier.verify(none + "." + parts[1] + ".AA", NOW).isEmpty(), "alg none");
        assertTrue(verifier.verify(IDP.sign("{\"alg\":\"HS256\"}", claims(TestJwts.ISSUER, TestJwts.AUDIENCE, exp)), NOW).isEmpty(), "alg confusion");
    }

    @Test
    void garbageNeverThrows() {
        for (String junk : new String[]{null, "", "a.b", "a.b.c.d", "...", "x".repeat(100_000), "eyJ.eyJ.sig", "!!.??.**",
                "e30.e30.e30", "bnVsbA.bnVsbA.AA"}) {
            assertTrue(verifier.verify(junk, NOW).isEmpty(), String.valueOf(junk).substring(0, Math.min(20, String.valueOf(junk).length())));
        }
    }

    @Test
    void keysComeAsPemOrJwks() {
        RSAPublicKey key = (RSAPublicKey) IDP.keys().getPublic();
        var b64 = Base64.getUrlEncoder().withoutPadding();
        String jwks = "{\"keys\":[{\"kty\":\"EC\",\"kid\":\"ec\"},{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"n\":\""
                + b64.encodeToString(unsigned(key.getModulus())) + "\",\"e\":\"" + b64.encodeToString(unsigned(key.getPublicExponent())) + "\"}]}";
        var fromJwks = new JwtVerifier(JwtVerifier.parseKeys(jwks), TestJwts.ISSUER, Set.of(), "RS256", 0);
        String withKid = IDP.sign("{\"alg\":\"RS256\",\"kid\":\"k1\"}", claims(TestJwts.ISSUER, "any", NOW / 1000 + 60));
        assertTrue(fromJwks.verify(withKid, NOW).isPresent());
        assertThrows(IllegalArgumentException.class, () -> JwtVerifier.parseKeys("not a key"));
        assertThrows(IllegalArgumentException.class, () -> new JwtVerifier(JwtVerifier.parseKeys(IDP.publicKeyPem()), "", Set.of(), "RS256", 0));
    }

    private static byte[] unsigned(BigInteger n) {
        byte[] b = n.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }
}
