package dev.herald.security;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.herald.http.Jsonp.JSON;

/**
 * Verifies an identity provider's RS256/RS384/RS512 JWT the way MicroProfile JWT
 * specifies: signature by a configured public key (PEM, JWK or JWKS, chosen by
 * {@code kid}), {@code iss} equal to the configured issuer, {@code aud} containing a
 * configured audience, {@code exp} in the future and {@code nbf} past (within the
 * allowed clock skew). Pure JDK crypto; nothing is trusted before the signature is.
 */
public final class JwtVerifier {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{2,4096}\\.[A-Za-z0-9_-]{2,16384}\\.[A-Za-z0-9_-]{2,1024}");
    private static final Map<String, String> ALGORITHMS = Map.of("RS256", "SHA256withRSA", "RS384", "SHA384withRSA", "RS512", "SHA512withRSA");
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();

    /** The verified claims that matter to Herald. */
    public record Claims(String user, Set<String> groups, String tokenId, long expiresAtMillis) {
    }

    private final Map<String, PublicKey> keys;
    private final String issuer;
    private final Set<String> audiences;
    private final String algorithm;
    private final long skewMillis;

    /**
     * @param keys      by {@code kid}; a key without one is stored under ""
     * @param audiences empty accepts any audience (MicroProfile: none configured, none checked)
     */
    public JwtVerifier(Map<String, PublicKey> keys, String issuer, Set<String> audiences, String algorithm, long skewMillis) {
        if (keys.isEmpty()) throw new IllegalArgumentException("no public key to verify JWTs with");
        if (issuer == null || issuer.isBlank()) throw new IllegalArgumentException("mp.jwt.verify.issuer is required in jwt mode");
        if (!ALGORITHMS.containsKey(algorithm)) throw new IllegalArgumentException("mp.jwt.verify.publickey.algorithm: " + algorithm + " is not supported (RS256, RS384, RS512)");
        this.keys = Map.copyOf(keys);
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.algorithm = algorithm;
        this.skewMillis = skewMillis;
    }

    public static boolean looksLikeJwt(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    public Optional<Claims> verify(String token, long nowMillis) {
        if (!looksLikeJwt(token)) return Optional.empty();
        String[] parts = token.split("\\.");
        try {
            JsonObject header = json(parts[0]);
            if (!algorithm.equals(string(header, "alg"))) return Optional.empty();
            PublicKey key = keyFor(string(header, "kid"));
            if (key == null) return Optional.empty();
            Signature sig = Signature.getInstance(ALGORITHMS.get(algorithm));
            sig.initVerify(key);
            sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!sig.verify(B64.decode(parts[2]))) return Optional.empty();

            JsonObject claims = json(parts[1]);
            if (!issuer.equals(string(claims, "iss"))) return Optional.empty();
            if (!audiences.isEmpty() && audience(claims).stream().noneMatch(audiences::contains)) return Optional.empty();
            Long exp = seconds(claims, "exp");
            if (exp == null || exp * 1000 + skewMillis <= nowMillis) return Optional.empty();
            Long nbf = seconds(claims, "nbf");
            if (nbf != null && nbf * 1000 - skewMillis > nowMillis) return Optional.empty();
            String user = Optional.ofNullable(string(claims, "upn"))
                    .or(() -> Optional.ofNullable(string(claims, "preferred_username")))
                    .orElse(string(claims, "sub"));
            if (user == null || user.isBlank() || user.length() > 200 || user.codePoints().anyMatch(Character::isISOControl)) {
                return Optional.empty();
            }
            return Optional.of(new Claims(user, groups(claims), string(claims, "jti"), exp * 1000));
        } catch (GeneralSecurityException | RuntimeException malformed) {
            return Optional.empty();
        }
    }

    private PublicKey keyFor(String kid) {
        if (kid != null && keys.containsKey(kid)) return keys.get(kid);
        if (keys.size() == 1) return keys.values().iterator().next();
        return kid == null ? keys.get("") : null;
    }

    private static JsonObject json(String part) {
        try (var reader = JSON.createReader(new StringReader(new String(B64.decode(part), StandardCharsets.UTF_8)))) {
            return reader.readObject();
        }
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static Long seconds(JsonObject o, String name) {
        return o.get(name) instanceof JsonNumber n ? n.longValue() : null;
    }

    private static Set<String> audience(JsonObject claims) {
        JsonValue aud = claims.get("aud");
        if (aud instanceof JsonString s) return Set.of(s.getString());
        return strings(aud);
    }

    private static Set<String> groups(JsonObject claims) {
        return strings(claims.get("groups"));
    }

    private static Set<String> strings(JsonValue value) {
        Set<String> out = new HashSet<>();
        if (value instanceof JsonArray array) {
            for (JsonValue v : array) if (v instanceof JsonString s) out.add(s.getString());
        }
        return out;
    }

    // --- keys ------------------------------------------------------------------------------

    /** Keys from PEM ({@code -----BEGIN PUBLIC KEY-----}), one JWK, or a JWKS ({@code {"keys":[…]}}). */
    public static Map<String, PublicKey> parseKeys(String text) {
        String t = text.strip();
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        try {
            if (t.startsWith("-----BEGIN PUBLIC KEY-----")) {
                String base64 = t.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                keys.put("", KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64))));
            } else if (t.startsWith("{")) {
                JsonObject o;
                try (var reader = JSON.createReader(new StringReader(t))) {
                    o = reader.readObject();
                }
                JsonArray list = o.containsKey("keys") ? o.getJsonArray("keys") : JSON.createArrayBuilder().add(o).build();
                for (JsonValue v : list) {
                    JsonObject jwk = v.asJsonObject();
                    if (!"RSA".equals(string(jwk, "kty"))) continue;
                    if (jwk.containsKey("use") && !"sig".equals(string(jwk, "use"))) continue;
                    var spec = new RSAPublicKeySpec(new BigInteger(1, B64.decode(string(jwk, "n"))), new BigInteger(1, B64.decode(string(jwk, "e"))));
                    String kid = string(jwk, "kid");
                    keys.put(kid == null ? "" : kid, KeyFactory.getInstance("RSA").generatePublic(spec));
                }
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("the JWT public key is neither a PEM public key nor a JWK/JWKS of RSA keys", e);
        }
        if (keys.isEmpty()) throw new IllegalArgumentException("no RSA public key found in the configured JWT key text");
        return keys;
    }
}
