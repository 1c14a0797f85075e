package dev.herald.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** An identity provider in a test: an RSA key pair made on the spot, and RS256 tokens signed with the JDK. */
public final class TestJwts {
    public static final String ISSUER = "https://idp.herald.test";
    public static final String AUDIENCE = "herald";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;

    public TestJwts() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    public KeyPair keys() {
        return keys;
    }

    /** A valid token for a user with these groups, an hour long. */
    public String token(String upn, String... groups) {
        long now = System.currentTimeMillis() / 1000;
        return sign(claims(ISSUER, AUDIENCE, upn, now + 3600, List.of(groups)));
    }

    public static String claims(String issuer, String audience, String upn, long expSeconds, List<String> groups) {
        var g = new StringBuilder("[");
        for (String group : groups) g.append(g.length() > 1 ? "," : "").append('"').append(group).append('"');
        g.append(']');
        return "{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"upn\":\"" + upn + "\",\"sub\":\"" + upn
                + "\",\"exp\":" + expSeconds + ",\"iat\":" + (System.currentTimeMillis() / 1000)
                + ",\"jti\":\"" + UUID.randomUUID() + "\",\"groups\":" + g + "}";
    }

    public String sign(String claimsJson) {
        return sign("{\"alg\":\"RS256\",\"typ\":\"JWT\"}", claimsJson);
    }

    public String sign(String headerJson, String claimsJson) {
        String signingInput = B64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        try {
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initSign(keys.getPrivate());
            sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(sig.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
